package dev.odflash.image.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * The byte ranges of a file already scanned, as disjoint intervals: {@link #claim} hands out only the part of a range
 * no earlier claim covered, so overlapping sections are scanned once (96 sections on one 16 MiB range were 96 scans).
 */
final class Coverage {
    private final List<long[]> covered = new ArrayList<>(); // disjoint [from, to), sorted by from

    /** The parts of {@code [from, to)} not claimed before, in order; they are claimed now. */
    List<long[]> claim(long from, long to) {
        List<long[]> fresh = new ArrayList<>();
        long at = from;
        for (long[] c : covered) {
            if (c[1] <= at) {
                continue;
            }
            if (c[0] >= to) {
                break;
            }
            if (c[0] > at) {
                fresh.add(new long[]{at, c[0]});
            }
            at = Math.max(at, c[1]);
            if (at >= to) {
                break;
            }
        }
        if (at < to) {
            fresh.add(new long[]{at, to});
        }
        for (long[] f : fresh) {
            add(f.clone()); // a copy: merging extends the stored interval, never the one handed out
        }
        return fresh;
    }

    private void add(long[] range) {
        int i = 0;
        while (i < covered.size() && covered.get(i)[0] < range[0]) {
            i++;
        }
        covered.add(i, range);
        // merge neighbours that now touch, so the list stays short
        for (int j = Math.max(0, i - 1); j + 1 < covered.size(); ) {
            long[] a = covered.get(j);
            long[] b = covered.get(j + 1);
            if (a[1] >= b[0]) {
                a[1] = Math.max(a[1], b[1]);
                covered.remove(j + 1);
            } else if (j > i) {
                break;
            } else {
                j++;
            }
        }
    }
}
