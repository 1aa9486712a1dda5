package dev.odflash.ops.flash;

import java.util.ArrayList;
import java.util.List;

/** Where two images differ: the first bad offset, how many bytes, and the differing ranges. */
public record Comparison(long firstDifference, long differingBytes, List<Range> ranges) {
    public record Range(long start, long endExclusive) {
        public long length() {
            return endExclusive - start;
        }

        @Override
        public String toString() {
            return String.format("0x%06X-0x%06X (%d bytes)", start, endExclusive - 1, length());
        }
    }

    public Comparison {
        ranges = List.copyOf(ranges);
    }

    public static Comparison of(byte[] actual, byte[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("sizes differ: " + actual.length + " vs " + expected.length);
        }
        List<Range> ranges = new ArrayList<>();
        long count = 0;
        int i = 0;
        while (i < actual.length) {
            if (actual[i] == expected[i]) {
                i++;
                continue;
            }
            int start = i;
            while (i < actual.length && actual[i] != expected[i]) {
                count++;
                i++;
            }
            ranges.add(new Range(start, i));
        }
        return new Comparison(ranges.isEmpty() ? -1 : ranges.getFirst().start(), count, ranges);
    }

    /** This comparison as a {@link dev.odflash.ops.Failure.Mismatch} with core's reason. */
    public dev.odflash.ops.Failure.Mismatch mismatch(String reason) {
        return new dev.odflash.ops.Failure.Mismatch(reason, firstDifference, differingBytes,
                ranges.stream().map(r -> new dev.odflash.ops.Failure.Range(r.start(), r.length())).toList());
    }

    public boolean identical() {
        return differingBytes == 0;
    }

    /** "first difference at 0x012345, 17 bytes differ in 2 ranges". */
    public String summary() {
        if (identical()) {
            return "identical";
        }
        return String.format("first difference at 0x%06X, %d bytes differ in %d range%s", firstDifference,
                differingBytes, ranges.size(), ranges.size() == 1 ? "" : "s");
    }
}
