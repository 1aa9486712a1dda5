package dev.odflash.image;

import java.util.Arrays;

/**
 * The Samsung SD-616F download buffer (docs/protocols.md §2.1, RD {@code drive/flash_sd616.ixx}): the
 * 0x20000-byte file is rearranged into a zero-filled 0x30000 buffer before it is streamed:
 * <pre>
 *   buffer 0x00000-0x0FFFF  ← file 0x00000-0x0FFFF
 *   buffer 0x10400-0x1FBFF  ← file 0x10000-0x1F7FF
 *   buffer 0x20000-0x207FF  ← file 0x1F800-0x1FFFF
 *   buffer 0x20800-0x2FBFF  ← file 0x10400-0x1F7FF
 * </pre>
 * Everything else in the buffer is 0x00. A file of the buffer's shape is recognised and turned back
 * into the flash file.
 */
public final class Sd616Layout {
    public static final int FILE_SIZE = 0x20000;
    public static final int BUFFER_SIZE = 0x30000;
    /** {destination, source, length} per the RD table. */
    private static final int[][] MOVES = {
            {0x00000, 0x00000, 0x10000},
            {0x10400, 0x10000, 0x0F800},
            {0x20000, 0x1F800, 0x00800},
            {0x20800, 0x10400, 0x0F400},
    };

    private Sd616Layout() {
    }

    /** The buffer RD streams for a 0x20000 file. */
    public static byte[] rearrange(byte[] file) {
        if (file.length != FILE_SIZE) {
            throw new IllegalArgumentException("an SD-616 file is exactly 0x20000 bytes, not " + file.length);
        }
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int[] m : MOVES) {
            System.arraycopy(file, m[1], buffer, m[0], m[2]);
        }
        return buffer;
    }

    /** Whether {@code data} is such a buffer: the right size, the zero gaps, and the duplicated copy consistent. */
    public static boolean isRearranged(byte[] data) {
        if (data.length != BUFFER_SIZE) {
            return false;
        }
        byte[] file = restoreUnchecked(data);
        return Arrays.equals(rearrange(file), data) && !ImageBytes.all(data, 0, 0x10000, (byte) 0);
    }

    /** The 0x20000 flash file a rearranged buffer came from. */
    public static byte[] restore(byte[] buffer) {
        if (!isRearranged(buffer)) {
            throw new IllegalArgumentException("not an SD-616 download buffer");
        }
        return restoreUnchecked(buffer);
    }

    private static byte[] restoreUnchecked(byte[] buffer) {
        byte[] file = new byte[FILE_SIZE];
        for (int i = 0; i < 3; i++) { // the first three moves cover the whole file; the fourth is a copy
            int[] m = MOVES[i];
            System.arraycopy(buffer, m[0], file, m[1], m[2]);
        }
        return file;
    }
}
