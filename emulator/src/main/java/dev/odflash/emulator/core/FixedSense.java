package dev.odflash.emulator.core;

/**
 * The emulated drive's own sense encoder: the bytes a drive returns with CHECK CONDITION and to REQUEST
 * SENSE, fixed format (SPC-4 §4.5.3: response code 0x70 "current" in byte 0, the sense key in byte 2
 * bits 3..0, the additional sense length in byte 7 (10 for an 18-byte buffer), ASC in byte 12, ASCQ in
 * byte 13). The host decodes these bytes with its one parser, so the emulator shares no sense code with
 * it (docs/architecture.md "The shared core").
 */
public final class FixedSense {
    public static final int NO_SENSE = 0x0;
    public static final int NOT_READY = 0x2;
    public static final int ILLEGAL_REQUEST = 0x5;
    public static final int UNIT_ATTENTION = 0x6;

    /** Fixed-format sense is 18 bytes: 8 header bytes plus the 10 the additional sense length counts. */
    static final int LENGTH = 18;

    private FixedSense() {
    }

    /** The 18 sense bytes for a key, ASC and ASCQ. */
    public static byte[] of(int key, int asc, int ascq) {
        byte[] b = new byte[LENGTH];
        b[0] = 0x70;
        b[2] = (byte) (key & 0x0F);
        b[7] = LENGTH - 8;
        b[12] = (byte) asc;
        b[13] = (byte) ascq;
        return b;
    }

    /**
     * What a drive with broken firmware (or a bridge that garbles the buffer) returns instead of sense
     * ({@code badsense@cmd:N}): four bytes with response code 0x00, which is no sense format at all
     * (SPC-4 allows 0x70-0x73 only) and too short to hold a fixed-format key, ASC and ASCQ.
     */
    public static byte[] malformed() {
        return new byte[] {0x00, 0x00, 0x05, 0x00};
    }
}
