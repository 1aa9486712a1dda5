package dev.odflash.emulator.core;

/**
 * What a personality answers to one command: data in (possibly empty) and GOOD, or CHECK CONDITION
 * with raw sense bytes ({@link FixedSense}; the host decodes them). {@code residual} overrides the residue a GOOD answer reports (the MT1939's last block,
 * CM: "its CSW reports residue 0x800"); -1 means the usual (requested minus moved).
 */
public record Reply(byte[] data, byte[] sense, long residual) {
    public static final byte[] NONE = new byte[0];

    public static Reply good() {
        return new Reply(NONE, null, -1);
    }

    public static Reply data(byte[] data) {
        return new Reply(data, null, -1);
    }

    public static Reply goodWithResidue(long residual) {
        return new Reply(NONE, null, residual);
    }

    public static Reply check(int key, int asc, int ascq) {
        return new Reply(NONE, FixedSense.of(key, asc, ascq), -1);
    }

    /** CHECK CONDITION with these sense bytes, as they are. */
    public static Reply check(byte[] sense) {
        return new Reply(NONE, sense.clone(), -1);
    }

    /** ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE (SPC-4 5/20/00). */
    public static Reply invalidOpcode() {
        return check(FixedSense.ILLEGAL_REQUEST, 0x20, 0x00);
    }

    /** ILLEGAL REQUEST / INVALID FIELD IN CDB (SPC-4 5/24/00). */
    public static Reply invalidField() {
        return check(FixedSense.ILLEGAL_REQUEST, 0x24, 0x00);
    }

    /** ILLEGAL REQUEST / COMMAND SEQUENCE ERROR (SPC-4 5/2C/00; SG: bad microcode fails this way). */
    public static Reply sequenceError() {
        return check(FixedSense.ILLEGAL_REQUEST, 0x2C, 0x00);
    }

    /** NOT READY / LOGICAL UNIT NOT READY, LONG WRITE IN PROGRESS (SPC-4 2/04/08; FM: TUR after the burn). */
    public static Reply longWrite() {
        return check(FixedSense.NOT_READY, 0x04, 0x08);
    }

    public boolean ok() {
        return sense == null;
    }
}
