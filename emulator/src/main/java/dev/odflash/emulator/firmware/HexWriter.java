package dev.odflash.emulator.firmware;

import java.nio.charset.StandardCharsets;

/**
 * Writes images as Intel-HEX text for tests and fixtures, independently of the parser in core:
 * the MTK/BTC banked form (docs/protocols.md §4.4, BT: 16-bit offsets per 64 KiB bank, {@code :00000155AA}
 * to advance, {@code :00000001FF} to end) and plain Intel-HEX with type 04 records. All-0xFF lines are
 * left out, as the tools that wrote such files did (gaps read back as 0xFF).
 */
public final class HexWriter {
    private HexWriter() {
    }

    public static byte[] banked(byte[] image) {
        StringBuilder sb = new StringBuilder();
        for (int bank = 0; bank * 0x10000 < image.length; bank++) {
            if (bank > 0) {
                sb.append(":00000155AA\r\n");
            }
            lines(sb, image, bank * 0x10000, Math.min(image.length, (bank + 1) * 0x10000));
        }
        sb.append(":00000001FF\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] plain(byte[] image) {
        StringBuilder sb = new StringBuilder();
        for (int upper = 0; upper * 0x10000 < image.length; upper++) {
            record(sb, 0, 0x04, new byte[]{(byte) (upper >> 8), (byte) upper}, 0, 2);
            lines(sb, image, upper * 0x10000, Math.min(image.length, (upper + 1) * 0x10000));
        }
        sb.append(":00000001FF\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void lines(StringBuilder sb, byte[] image, int from, int to) {
        for (int at = from; at < to; at += 16) {
            int n = Math.min(16, to - at);
            boolean blank = true;
            for (int i = at; i < at + n; i++) {
                blank &= image[i] == (byte) 0xFF;
            }
            if (!blank) {
                record(sb, at & 0xFFFF, 0x00, image, at, n);
            }
        }
    }

    static void record(StringBuilder sb, int offset, int type, byte[] data, int from, int n) {
        int sum = n + (offset >> 8) + (offset & 0xFF) + type;
        sb.append(String.format(":%02X%04X%02X", n, offset, type));
        for (int i = from; i < from + n; i++) {
            sb.append(String.format("%02X", data[i] & 0xFF));
            sum += data[i] & 0xFF;
        }
        sb.append(String.format("%02X\r\n", -sum & 0xFF));
    }
}
