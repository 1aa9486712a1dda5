package dev.odflash.emulator.download;

/** Reads fields out of raw CDB bytes (big-endian, as SCSI sends them); the emulator's own decoder. */
final class Cdb {
    private Cdb() {
    }

    static int u8(byte[] cdb, int at) {
        return at < cdb.length ? cdb[at] & 0xFF : 0;
    }

    static int be16(byte[] cdb, int at) {
        return u8(cdb, at) << 8 | u8(cdb, at + 1);
    }

    static int be24(byte[] cdb, int at) {
        return u8(cdb, at) << 16 | u8(cdb, at + 1) << 8 | u8(cdb, at + 2);
    }

    /** True when bytes {@code [from, to)} that the CDB has are all zero. */
    static boolean zero(byte[] cdb, int from, int to) {
        for (int i = from; i < Math.min(to, cdb.length); i++) {
            if (cdb[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
