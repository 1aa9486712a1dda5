package dev.odflash.image.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The LiteOn "XFlash" descriptor table (docs/protocols.md §6, OP {@code common_xflash.pl}): ASCII
 * {@code HOW_MANY_BIN=} or {@code PARA_OPT=}, then {@code BIN_STARTn=} (10 decimal digits) ×4,
 * {@code BIN_SIZEn=} ×4 and {@code NEW_FWn=} name ×4, each NUL-terminated. Offsets are relative to the
 * end of the table. Only the raw method (0) is extracted here; the scrambled methods (1 flip-n-swap,
 * 2 Fibonacci XOR with a per-image key, 3 statistically found XOR key) are not implemented: the public
 * description does not give enough detail to reproduce them.
 */
public final class XFlashTable {
    public record Image(int index, String name, long start, long size) {
    }

    public record Table(int offset, int end, List<Image> images) {
    }

    private XFlashTable() {
    }

    public static Optional<Table> find(byte[] file) {
        int at = Signatures.indexOf(file, ascii("HOW_MANY_BIN="), 0, file.length);
        if (at < 0) {
            at = Signatures.indexOf(file, ascii("PARA_OPT="), 0, file.length);
        }
        if (at < 0) {
            return Optional.empty();
        }
        int window = (int) Math.min(file.length, at + 0x1000L);
        int end = endOfString(file, at, window);
        List<Image> images = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            Field start = field(file, "BIN_START" + n + "=", at, window);
            Field size = field(file, "BIN_SIZE" + n + "=", at, window);
            Field name = field(file, "NEW_FW" + n + "=", at, window);
            for (Field f : new Field[]{start, size, name}) {
                if (f != null) {
                    end = Math.max(end, f.end);
                }
            }
            if (start != null && size != null && start.value.matches("[0-9]{1,10}") && size.value.matches("[0-9]{1,10}")) {
                images.add(new Image(n, name == null ? "image" + n : name.value, Long.parseLong(start.value),
                        Long.parseLong(size.value)));
            }
        }
        return Optional.of(new Table(at, end, images));
    }

    private record Field(String value, int end) {
    }

    private static Field field(byte[] b, String key, int from, int to) {
        int at = Signatures.indexOf(b, ascii(key), from, to);
        if (at < 0) {
            return null;
        }
        int valueStart = at + key.length();
        int nul = Math.min(valueStart, to);
        while (nul < to && b[nul] != 0) {
            nul++;
        }
        return new Field(new String(b, valueStart, Math.max(0, nul - valueStart), StandardCharsets.ISO_8859_1).strip(),
                Math.min(to, nul + 1));
    }

    /** One past the NUL that ends the string starting at {@code at} (or {@code to}). */
    private static int endOfString(byte[] b, int at, int to) {
        int i = at;
        while (i < to && b[i] != 0) {
            i++;
        }
        return Math.min(to, i + 1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
