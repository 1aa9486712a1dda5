package dev.odflash.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Intel-HEX text to image bytes. Two dialects:
 * <ul>
 *   <li>the MTK/BTC variant (docs/protocols.md §4.4, BT): type 00 data records with 16-bit offsets inside the
 *       current 64 KiB bank; the non-standard record {@code :00000155AA} (type 0x55) advances to the next
 *       bank, at most 16 banks; {@code :00000001FF} ends the file; the image is (last bank + 1) × 64 KiB,
 *       gaps 0xFF, so 16 banks give BTC's 1 MiB;</li>
 *   <li>plain Intel-HEX: types 00 (data), 01 (end), 02 (extended segment address, ×16), 04 (extended
 *       linear address, upper 16 bits); 03/05 (start addresses) mean nothing for a flash image and are
 *       ignored with a warning. The image runs to the highest address written, rounded up to the next
 *       size a layout uses (128 KiB … 2 MiB), gaps 0xFF.</li>
 * </ul>
 * Lines of text before the first record are skipped with a warning, as btcflash skips them; after the
 * first record every line must be a record. Every line's checksum is verified (two's complement of the
 * byte sum); errors name the line. Overlapping
 * records, data after the end record, a missing end record and addresses past 16 MiB are errors.
 */
public final class IntelHex {
    public static final int BANK = 0x10000;
    public static final int MAX_BANKS = 16;
    static final int MAX_IMAGE = 16 << 20;
    /** Warnings of one kind listed one by one; past this they are counted in one line. */
    static final int MAX_LISTED_WARNINGS = 8;
    static final int[] SIZES = {0x20000, 0x40000, 0x80000, 0x100000, 0x200000};

    public enum Dialect { MTK_BANKED, PLAIN }

    public record Result(byte[] image, Dialect dialect, int banks, List<String> warnings) {
    }

    private IntelHex() {
    }

    /** Text before the first record that is still read as a HEX file's preamble; past it the file is binary. */
    static final int MAX_PREAMBLE = 64 * 1024;

    /**
     * Whether the bytes look like Intel-HEX text: a line starting with ':' comes before any byte that is
     * not text. Lines of text before it (a vendor's header, a note) are a preamble that {@link #parse}
     * skips with a warning, as btcflash does (it skips every line not starting with ':'; docs/protocols.md
     * §4.4). A UTF-8 BOM is tolerated; a binary image has non-text bytes long before any such line.
     */
    public static boolean looksLikeHex(byte[] file) {
        int limit = Math.min(file.length, MAX_PREAMBLE);
        int i = file.length >= 3 && file[0] == (byte) 0xEF && file[1] == (byte) 0xBB && file[2] == (byte) 0xBF ? 3 : 0;
        boolean lineStart = true;
        for (; i < limit; i++) {
            byte b = file[i];
            if (b == '\n') {
                lineStart = true;
                continue;
            }
            if (b == ':' && lineStart) {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r') {
                if (b < 0x20 || b > 0x7E) {
                    return false;
                }
                lineStart = false;
            }
        }
        return false;
    }

    public static Result parse(byte[] text) throws ImageFormatException {
        byte[] image = new byte[0]; // grown as records arrive (a fixed 16 MiB per parse made every call cost 16 MiB)
        BitSet written = new BitSet();
        List<String> warnings = new ArrayList<>();
        int line = 0;
        int pos = 0;
        int bank = 0;
        long base = 0;
        boolean banked = false;
        boolean linear = false;
        boolean ended = false;
        int high = 0;
        long startRecords = 0;
        boolean recordsBegun = false;
        int preamble = 0;
        while (pos < text.length) {
            int end = pos;
            while (end < text.length && text[end] != '\n') {
                end++;
            }
            line++;
            int stop = end;
            while (stop > pos && (text[stop - 1] == '\r' || text[stop - 1] == ' ' || text[stop - 1] == '\t')) {
                stop--;
            }
            int start = pos;
            pos = end + 1;
            if (line == 1 && stop - start >= 3 && text[start] == (byte) 0xEF && text[start + 1] == (byte) 0xBB) {
                start += 3; // UTF-8 BOM
            }
            if (start == stop) {
                continue;
            }
            if (!recordsBegun && text[start] != ':') {
                if (!isText(text, start, stop)) {
                    throw error(line, "neither a record nor text before the first record");
                }
                preamble++;
                continue;
            }
            if (!recordsBegun && preamble > 0) {
                warnings.add(String.format("%d line%s of text before the first record (line %d) skipped, as btcflash"
                        + " skips them", preamble, preamble == 1 ? "" : "s", line));
            }
            recordsBegun = true;
            if (ended) {
                throw error(line, "data after the end record");
            }
            byte[] rec = record(text, start, stop, line);
            int count = rec[0] & 0xFF;
            int offset = (rec[1] & 0xFF) << 8 | rec[2] & 0xFF;
            int type = rec[3] & 0xFF;
            switch (type) {
                case 0x00 -> {
                    long at = banked ? (long) bank * BANK + offset : base + offset;
                    if (banked && offset + count > BANK) {
                        throw error(line, "data record runs past the end of its 64 KiB bank");
                    }
                    if (at + count > MAX_IMAGE) {
                        throw error(line, String.format("address 0x%X is past 16 MiB, larger than any firmware", at + count));
                    }
                    int a = (int) at;
                    int overlap = written.nextSetBit(a);
                    if (overlap >= 0 && overlap < a + count) {
                        throw error(line, String.format("record overlaps data already written at 0x%X", overlap));
                    }
                    image = erasedTo(image, a + count);
                    System.arraycopy(rec, 4, image, a, count);
                    written.set(a, a + count);
                    high = Math.max(high, a + count);
                }
                case 0x01 -> ended = true;
                case 0x55 -> { // BT: next 64 KiB bank
                    if (linear) {
                        throw error(line, "bank record (type 55) mixed with extended address records");
                    }
                    banked = true;
                    if (++bank >= MAX_BANKS) {
                        throw error(line, "too many banks: more than " + MAX_BANKS + " (BTC .HEX allows 16, 1 MiB)");
                    }
                }
                case 0x02, 0x04 -> {
                    if (count != 2) {
                        throw error(line, String.format("type %02X record must carry 2 bytes, not %d", type, count));
                    }
                    if (banked) {
                        throw error(line, "extended address record mixed with bank records (type 55)");
                    }
                    linear = true;
                    int v = (rec[4] & 0xFF) << 8 | rec[5] & 0xFF;
                    base = type == 0x02 ? (long) v << 4 : (long) v << 16;
                }
                case 0x03, 0x05 -> {
                    // one line per record would be 838,861 lines for a 16 MiB file of them: say the first few, count the rest
                    if (++startRecords <= MAX_LISTED_WARNINGS) {
                        warnings.add(String.format("line %d: start-address record (type %02X) ignored", line, type));
                    }
                }
                default -> throw error(line, String.format("unknown record type 0x%02X", type));
            }
        }
        if (startRecords > MAX_LISTED_WARNINGS) {
            warnings.add(String.format("%d more start-address records ignored (%d in all)",
                    startRecords - MAX_LISTED_WARNINGS, startRecords));
        }
        if (!ended) {
            throw error(line, "no end record (:00000001FF): the file is cut short");
        }
        if (high == 0 && !banked) {
            throw new ImageFormatException("the HEX file holds no data records");
        }
        int size = banked ? (bank + 1) * BANK : roundUp(high);
        if (!banked && size != high) {
            warnings.add(String.format("data ends at 0x%X; filled with 0xFF to 0x%X (%d KiB)", high, size, size / 1024));
        }
        return new Result(Arrays.copyOf(erasedTo(image, size), size), banked ? Dialect.MTK_BANKED : Dialect.PLAIN, size / BANK, warnings);
    }

    /** Printable ASCII and tabs only: the preamble a HEX file may carry. */
    private static boolean isText(byte[] t, int start, int stop) {
        for (int i = start; i < stop; i++) {
            if ((t[i] < 0x20 || t[i] > 0x7E) && t[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** {@code image} at least {@code length} long (doubling, at most 16 MiB), new bytes erased (0xFF). */
    private static byte[] erasedTo(byte[] image, int length) {
        if (length <= image.length) {
            return image;
        }
        int grown = (int) Math.min(MAX_IMAGE, Math.max(length, Math.max(BANK, 2L * image.length)));
        byte[] bigger = Arrays.copyOf(image, grown);
        Arrays.fill(bigger, image.length, grown, (byte) 0xFF);
        return bigger;
    }

    private static int roundUp(int high) {
        for (int s : SIZES) {
            if (high <= s) {
                return s;
            }
        }
        return (high + BANK - 1) / BANK * BANK;
    }

    /** Decodes one ':'-record and checks its length and checksum. */
    private static byte[] record(byte[] t, int start, int stop, int line) throws ImageFormatException {
        if (t[start] != ':') {
            throw error(line, "does not start with ':'");
        }
        int digits = stop - start - 1;
        if (digits < 10 || digits % 2 != 0) {
            throw error(line, "record too short or an odd number of hex digits");
        }
        byte[] rec = new byte[digits / 2];
        for (int i = 0; i < rec.length; i++) {
            int hi = Character.digit(t[start + 1 + 2 * i], 16);
            int lo = Character.digit(t[start + 2 + 2 * i], 16);
            if (hi < 0 || lo < 0) {
                throw error(line, "not a hex digit at column " + (2 + 2 * i + (hi < 0 ? 0 : 1)));
            }
            rec[i] = (byte) (hi << 4 | lo);
        }
        int count = rec[0] & 0xFF;
        if (rec.length != count + 5) {
            throw error(line, "byte count " + count + " does not match the record length");
        }
        int sum = 0;
        for (int i = 0; i < rec.length - 1; i++) {
            sum += rec[i] & 0xFF;
        }
        int expected = -sum & 0xFF;
        int stored = rec[rec.length - 1] & 0xFF;
        if (stored != expected) {
            throw error(line, String.format("checksum 0x%02X, expected 0x%02X", stored, expected));
        }
        return rec;
    }

    private static ImageFormatException error(int line, String what) {
        return new ImageFormatException("HEX line " + line + ": " + what);
    }
}
