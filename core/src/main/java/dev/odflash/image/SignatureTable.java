package dev.odflash.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The table at 0x10400 of MT1939 and MT1959 images: 16 entries of 0x1C bytes, little-endian.
 * <ul>
 *   <li>MT1939 (CM, docs/protocols.md §4.2): {flag u32, begin, end, 16-byte signature}; flag 0xFFFFFFFF ends
 *       the table;</li>
 *   <li>MT1959 (OD {@code scripts/update_cmac.py}, docs/protocols.md §4.3): {enabled u32, start u32, end u32
 *       inclusive, MAC[16]}; enabled 0xFFFFFFFF means unused. The MAC is AES-CMAC (see {@link dev.odflash.bytes.Cmac}).</li>
 * </ul>
 */
public final class SignatureTable {
    public static final int OFFSET = 0x10400;
    public static final int ENTRIES = 16;
    public static final int ENTRY_SIZE = 0x1C;
    public static final long UNUSED = 0xFFFFFFFFL;

    public record Entry(int index, long flag, long start, long end, byte[] mac) {
        public long length() {
            return end - start + 1;
        }
    }

    /** The used entries and the format problems seen (empty: well formed). */
    public record Parsed(List<Entry> entries, List<String> problems) {
        /** Shown in a check's detail. */
        public static final int SHOWN = 3;

        /**
         * The problems for a one-line message: the first {@link #SHOWN} and a count of the rest. A damaged
         * table has up to 16 (found by ImageFuzzTest: 1.2 KB of detail on one line drowned the report).
         */
        public String problemText() {
            String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
            return problems.size() <= SHOWN ? shown : shown + "; and " + (problems.size() - SHOWN) + " more entries";
        }
    }

    private SignatureTable() {
    }

    /**
     * @param stopAtUnused MT1939 semantics (the first 0xFFFFFFFF flag ends the table) when true; MT1959
     *                     semantics (an unused slot is skipped) when false
     */
    public static Parsed parse(byte[] image, long imageSize, boolean stopAtUnused) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            int at = OFFSET + i * ENTRY_SIZE;
            long flag = ImageBytes.le32(image, at);
            if (flag == UNUSED) {
                if (stopAtUnused) {
                    break;
                }
                continue;
            }
            long start = ImageBytes.le32(image, at + 4);
            long end = ImageBytes.le32(image, at + 8);
            byte[] mac = Arrays.copyOfRange(image, at + 12, at + 28);
            if (start > end) {
                problems.add(String.format("entry %d: start 0x%X after end 0x%X", i, start, end));
            } else if (end >= imageSize) {
                problems.add(String.format("entry %d: range 0x%X-0x%X runs past the image (0x%X bytes)", i, start, end, imageSize));
            } else {
                entries.add(new Entry(i, flag, start, end, mac));
            }
        }
        return new Parsed(entries, problems);
    }
}
