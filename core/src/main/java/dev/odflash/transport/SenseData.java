package dev.odflash.transport;

import java.util.HexFormat;

/**
 * Decoded SCSI sense data, fixed format (response codes 0x70/0x71) or descriptor format
 * (0x72/0x73), per SPC-4 §4.5. Raw bytes are kept for traces. {@link #parse} is the one decoder every
 * transport (SG_IO, SPTI, the emulated drive's, replay) hands a drive's sense bytes to; bytes in no
 * sense format, or too short to hold the key, ASC and ASCQ, are {@linkplain #wellFormed() malformed}
 * and say so in {@link #describe}, never a made-up condition.
 */
public record SenseData(int responseCode, int key, int asc, int ascq, byte[] raw) {
    public static final int NO_SENSE = 0x0;
    public static final int NOT_READY = 0x2;
    public static final int MEDIUM_ERROR = 0x3;
    public static final int HARDWARE_ERROR = 0x4;
    public static final int ILLEGAL_REQUEST = 0x5;
    public static final int UNIT_ATTENTION = 0x6;
    public static final int ABORTED_COMMAND = 0xB;

    public SenseData {
        raw = raw.clone();
    }

    /**
     * Decodes sense bytes; fewer bytes than the format needs give key/ASC/ASCQ 0 where missing, and a
     * response code of no sense format gives 0 for all three (its bytes mean nothing known).
     */
    public static SenseData parse(byte[] bytes) {
        if (bytes.length == 0) {
            return new SenseData(0, 0, 0, 0, bytes);
        }
        int code = bytes[0] & 0x7F;
        if (code == 0x72 || code == 0x73) { // descriptor format: key at 1, ASC 2, ASCQ 3
            return new SenseData(code, at(bytes, 1) & 0x0F, at(bytes, 2), at(bytes, 3), bytes);
        }
        if (code != 0x70 && code != 0x71) {
            return new SenseData(code, 0, 0, 0, bytes);
        }
        // fixed format: key at 2, ASC at 12, ASCQ at 13
        return new SenseData(code, at(bytes, 2) & 0x0F, at(bytes, 12), at(bytes, 13), bytes);
    }

    /**
     * Fixed-format sense (18 bytes) for a key/ASC/ASCQ, for the host's own use (a condition a transport
     * reports without sense bytes) and tests; decoded by {@link #parse} like a drive's. The emulated
     * drives encode their sense themselves.
     */
    public static SenseData fixed(int key, int asc, int ascq) {
        byte[] b = new byte[18];
        b[0] = 0x70;
        b[2] = (byte) key;
        b[7] = 10; // additional sense length
        b[12] = (byte) asc;
        b[13] = (byte) ascq;
        return parse(b);
    }

    /**
     * True when the bytes are sense data: response code 0x70-0x73 and long enough to hold the key, ASC
     * and ASCQ (fixed format 14 bytes, descriptor format 4).
     */
    public boolean wellFormed() {
        return switch (responseCode) {
            case 0x70, 0x71 -> raw.length >= 14;
            case 0x72, 0x73 -> raw.length >= 4;
            default -> false;
        };
    }

    private static int at(byte[] b, int i) {
        return i < b.length ? b[i] & 0xFF : 0;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public boolean is(int key, int asc, int ascq) {
        return this.key == key && this.asc == asc && this.ascq == ascq;
    }

    /**
     * "5/20/00 ILLEGAL REQUEST: invalid command operation code"; for malformed bytes "malformed sense
     * data (...)" with the bytes, so a garbled buffer is reported as such.
     */
    public String describe() {
        if (raw.length == 0) {
            return "no sense data (0 bytes)";
        }
        if (!wellFormed()) {
            String shown = raw.length <= 32 ? hex() : HexFormat.of().formatHex(raw, 0, 32) + "...";
            return String.format("malformed sense data (response code 0x%02X, %d bytes: %s)", raw[0] & 0xFF, raw.length,
                    shown);
        }
        return String.format("%X/%02X/%02X %s: %s", key, asc, ascq, SenseTexts.keyName(key),
                SenseTexts.ascText(asc, ascq));
    }

    public String hex() {
        return HexFormat.of().formatHex(raw);
    }

    @Override
    public String toString() {
        return describe();
    }
}
