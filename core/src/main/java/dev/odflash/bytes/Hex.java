package dev.odflash.bytes;

import java.util.HexFormat;

/** Hex formatting and parsing for IDs and dumps ("0xBF", "7F1C"). */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Parses "0x7F1C", "7f1c" or "BF" as an unsigned number. */
    public static int parseId(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 6) {
            throw new NumberFormatException("not a hex ID: " + text);
        }
        return Integer.parseUnsignedInt(t, 16);
    }

    public static String id(int value) {
        return String.format(value > 0xFF ? "0x%04X" : "0x%02X", value);
    }
}
