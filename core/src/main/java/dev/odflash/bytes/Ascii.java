package dev.odflash.bytes;

import java.nio.charset.StandardCharsets;

/** Fixed-width ASCII fields as INQUIRY data and firmware templates carry them. */
public final class Ascii {
    private Ascii() {
    }

    /** The field's bytes as text with trailing spaces and NULs removed; non-printables become '.'. */
    public static String field(byte[] data, int offset, int length) {
        int end = Math.min(data.length, offset + length);
        if (offset >= end) {
            return "";
        }
        StringBuilder sb = new StringBuilder(end - offset);
        for (int i = offset; i < end; i++) {
            int c = data[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : c == 0 ? ' ' : '.');
        }
        return sb.toString().stripTrailing();
    }

    /** Writes text padded with spaces (or cut) to exactly {@code length} bytes. */
    public static void put(byte[] data, int offset, int length, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            data[offset + i] = i < t.length ? t[i] : (byte) ' ';
        }
    }

    public static boolean isPrintable(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int c = data[i] & 0xFF;
            if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
