package dev.odflash.protocol.download;

/**
 * CDB encoders for the download families. WRITE BUFFER (0x3B) and READ BUFFER (0x3C) follow SPC-4
 * §6.49/§6.17: byte 1 mode, byte 2 buffer ID, bytes 3-5 buffer offset (BE24), bytes 6-8 length
 * (BE24), byte 9 control.
 */
public final class Cdbs {
    public static final int WRITE_BUFFER = 0x3B;
    public static final int READ_BUFFER = 0x3C;

    private Cdbs() {
    }

    /** The 10-byte WRITE/READ BUFFER form (redumper, btcflash, sg_write_buffer). */
    public static byte[] buffer10(int opcode, int mode, long offset, long length) {
        checkField("offset", offset);
        checkField("length", length);
        return new byte[]{(byte) opcode, (byte) mode, 0, (byte) (offset >> 16), (byte) (offset >> 8), (byte) offset,
            (byte) (length >> 16), (byte) (length >> 8), (byte) length, 0};
    }

    /** The same fields in a 12-byte CDB with two trailing bytes, as freemkv sends (FM drive/mtk.rs). */
    public static byte[] buffer12(int opcode, int mode, long offset, long length, int byte10, int byte11) {
        byte[] ten = buffer10(opcode, mode, offset, length);
        byte[] twelve = java.util.Arrays.copyOf(ten, 12);
        twelve[10] = (byte) byte10;
        twelve[11] = (byte) byte11;
        return twelve;
    }

    private static void checkField(String name, long value) {
        if (value < 0 || value > 0xFFFFFF) {
            throw new IllegalArgumentException(name + " 0x" + Long.toHexString(value) + " does not fit 24 bits");
        }
    }
}
