package dev.odflash.image;

import java.nio.charset.StandardCharsets;

/** Bounds-checked little helpers for reading fields out of images; an index past the end reads as absent. */
public final class ImageBytes {
    private ImageBytes() {
    }

    public static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    public static int be16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    /** The 16-bit sum of {@code b[from, to)}, as the MT1939 checksum (CM) and the BTC header sum (BT) use it. */
    public static int sum16(byte[] b, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += b[i] & 0xFF;
        }
        return (int) (s & 0xFFFF);
    }

    /** Whether {@code b[from, from+length)} is erased flash (all 0xFF) or zero-filled. */
    public static boolean blank(byte[] b, int from, int length) {
        return all(b, from, length, (byte) 0xFF) || all(b, from, length, (byte) 0x00);
    }

    public static boolean all(byte[] b, int from, int length, byte value) {
        if (from < 0 || from + length > b.length) {
            return false;
        }
        for (int i = from; i < from + length; i++) {
            if (b[i] != value) {
                return false;
            }
        }
        return true;
    }

    public static boolean startsWith(byte[] b, int at, String ascii) {
        byte[] p = ascii.getBytes(StandardCharsets.US_ASCII);
        if (at < 0 || at + p.length > b.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[at + i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
