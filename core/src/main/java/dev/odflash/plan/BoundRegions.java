package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.EraseBlock;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The chip cut at every erase block boundary of every eraser, with, per region, a lower bound of what
 * any valid plan spends programming it: left as it is ({@link #FORBIDDEN} where the write model needs
 * an erase) or after an erase. Used only by {@link LowerBound}; shares no code with the planner.
 *
 * <p>Why each figure is at or below every valid plan (docs/architecture.md "Write models"):
 * <ul>
 * <li>A byte that must change (after an erase: a target byte that is not 0xFF; unerased: a changed byte)
 *     is burnt by at least one call that sends it as a non-0xFF byte, so {@code programTime} per such
 *     byte is spent. On page parts a page that must change is written whole, once: its exact cost.</li>
 * <li>A program call never crosses a {@code maxProgramLength} window, so a window lying wholly inside
 *     the region, with m bytes to burn, needs its own calls carrying at least m bytes. j >= 1 calls of
 *     L_i bytes cost at least j * overhead + sum(L_i * c - 1/2) (rounding to a nanosecond loses at most
 *     half of one), which is at least overhead + round(m * c) - 1 when overhead >= 1 ns. A window cut by
 *     the region's edge may share its calls with the neighbour: only its burn time is counted.</li>
 * </ul>
 */
final class BoundRegions {
    static final long FORBIDDEN = Long.MAX_VALUE;

    final long[] at;
    private final long[] keepPrefix;
    private final int[] forbiddenPrefix;
    private final long[] erasedPrefix;

    private BoundRegions(long[] at, long[] keep, long[] erased) {
        this.at = at;
        int n = keep.length;
        keepPrefix = new long[n + 1];
        forbiddenPrefix = new int[n + 1];
        erasedPrefix = new long[n + 1];
        for (int k = 0; k < n; k++) {
            boolean forbidden = keep[k] == FORBIDDEN;
            keepPrefix[k + 1] = keepPrefix[k] + (forbidden ? 0 : keep[k]);
            forbiddenPrefix[k + 1] = forbiddenPrefix[k] + (forbidden ? 1 : 0);
            erasedPrefix[k + 1] = erasedPrefix[k] + erased[k];
        }
    }

    static BoundRegions of(ChipSpec chip, BusModel bus, byte[] current, byte[] target) {
        TreeSet<Long> set = new TreeSet<>();
        set.add(0L);
        set.add(chip.size());
        for (Eraser e : chip.erasers()) {
            for (EraseBlock b : e.blocks()) {
                set.add(Math.min(b.offset(), chip.size()));
                set.add(Math.min(b.end(), chip.size()));
            }
        }
        long[] at = set.stream().mapToLong(Long::longValue).toArray();
        long[] keep = new long[at.length - 1];
        long[] erased = new long[at.length - 1];
        for (int k = 0; k + 1 < at.length; k++) {
            keep[k] = program(chip, bus, current, target, (int) at[k], (int) at[k + 1], false);
            erased[k] = program(chip, bus, current, target, (int) at[k], (int) at[k + 1], true);
        }
        return new BoundRegions(at, keep, erased);
    }

    int regions() {
        return at.length - 1;
    }

    /** Index of the boundary at {@code offset}, which must be one. */
    int index(long offset) {
        int k = Arrays.binarySearch(at, offset);
        if (k < 0) {
            throw new IllegalArgumentException("not a region boundary: " + offset);
        }
        return k;
    }

    /** Bound of keeping every region in {@code [from, to)} as it is; {@link #FORBIDDEN} if one needs an erase. */
    long keep(long from, long to) {
        int a = index(from);
        int b = index(to);
        return forbiddenPrefix[b] > forbiddenPrefix[a] ? FORBIDDEN : keepPrefix[b] - keepPrefix[a];
    }

    /** Bound of programming every region in {@code [from, to)} right after an erase. */
    long erased(long from, long to) {
        return erasedPrefix[index(to)] - erasedPrefix[index(from)];
    }

    private static long program(ChipSpec chip, BusModel bus, byte[] cur, byte[] tgt, int from, int to, boolean erased) {
        WriteModel model = chip.writeModel();
        int window = chip.maxProgramLength();
        long unit = chip.programTime().typicalNanos();
        long total = 0;
        for (int w = from - from % window; w < to; w += window) {
            int lo = Math.max(w, from);
            int hi = Math.min(w + window, to);
            int mustBurn = 0;
            boolean allErasedNow = true;
            for (int i = lo; i < hi; i++) {
                boolean burn = erased ? tgt[i] != (byte) 0xFF : cur[i] != tgt[i];
                mustBurn += burn ? 1 : 0;
                allErasedNow &= cur[i] == (byte) 0xFF;
                if (burn && !erased && model instanceof WriteModel.Bit && (cur[i] & tgt[i]) != tgt[i]) {
                    return FORBIDDEN; // a bit would have to go 0 -> 1
                }
                if (burn && !erased && model instanceof WriteModel.Byte && cur[i] != (byte) 0xFF) {
                    return FORBIDDEN; // a byte may be programmed once after an erase
                }
            }
            if (mustBurn == 0) {
                continue;
            }
            if (model instanceof WriteModel.Page) {
                // erase boundaries are whole pages, so the window is one page of this region, written whole once
                if (!erased && !allErasedNow) {
                    return FORBIDDEN;
                }
                total += bus.commandNanos(window) + ChipTimings.programNanos(chip, window);
                continue;
            }
            total += unit * mustBurn;
            boolean whole = lo == w && hi == w + window;
            if (whole && bus.commandOverheadNanos() >= 1) {
                total += bus.commandOverheadNanos() + bus.transferNanos(mustBurn) - 1;
            }
        }
        return total;
    }
}
