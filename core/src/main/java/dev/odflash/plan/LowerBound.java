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
 * The benchmark's lower bound (docs/architecture.md "Contracts": a separate, simple brute-force function,
 * never the planner's code). It shares only {@link ChipTimings} and {@link BusModel} with the planner.
 *
 * <p>Every region between two erase boundaries of any eraser is either left as it is (only where the
 * write model allows programming it without erase) or lies inside one erased block; all erase
 * coverings are tried by a left-to-right minimum over the boundaries. A region's program cost counts
 * only what any valid plan must spend: the burn time of the bytes or pages that have to be written,
 * their bus transfer, and one command overhead per program window that holds any of them (a call
 * cannot cross a window). Gaps sent as 0xFF are not counted, so the bound is at or below every plan.
 */
public final class LowerBound {
    private LowerBound() {
    }

    public static long nanos(ChipSpec chip, BusModel bus, byte[] current, byte[] target) {
        if (current.length != chip.size() || target.length != chip.size()) {
            throw new IllegalArgumentException("images must be " + chip.size() + " bytes");
        }
        if (chip.writeModel() instanceof WriteModel.AutoPage(int page)) {
            // No erase command exists for the planner's model of these parts: every changed page is rewritten.
            long total = 0;
            for (int p = 0; p < current.length; p += page) {
                if (!Arrays.equals(current, p, p + page, target, p, p + page)) {
                    total += bus.commandNanos(page) + ChipTimings.programNanos(chip, page);
                }
            }
            return total;
        }
        TreeSet<Long> set = new TreeSet<>();
        set.add(0L);
        set.add(chip.size());
        for (Eraser e : chip.erasers()) {
            for (EraseBlock b : e.blocks()) {
                set.add(b.offset());
                set.add(b.end());
            }
        }
        long[] at = set.stream().mapToLong(Long::longValue).toArray();
        long[] best = new long[at.length];
        Arrays.fill(best, Long.MAX_VALUE);
        best[0] = 0;
        for (int k = 0; k + 1 < at.length; k++) {
            if (best[k] == Long.MAX_VALUE) {
                continue;
            }
            long keep = regionCost(chip, bus, current, target, (int) at[k], (int) at[k + 1], false);
            if (keep != Long.MAX_VALUE) {
                best[k + 1] = Math.min(best[k + 1], best[k] + keep);
            }
            for (Eraser e : chip.erasers()) {
                for (EraseBlock b : e.blocks()) {
                    if (b.offset() == at[k]) {
                        int end = Arrays.binarySearch(at, b.end());
                        long cost = bus.commandNanos(0) + ChipTimings.eraseNanos(chip, e)
                                + regionCost(chip, bus, current, target, (int) b.offset(), (int) b.end(), true);
                        best[end] = Math.min(best[end], best[k] + cost);
                    }
                }
            }
        }
        return best[at.length - 1];
    }

    /** Least program cost of [from, to) as it stands ({@code erased == false}) or after an erase; MAX_VALUE: forbidden. */
    private static long regionCost(ChipSpec chip, BusModel bus, byte[] cur, byte[] tgt, int from, int to, boolean erased) {
        WriteModel model = chip.writeModel();
        int window = chip.maxProgramLength();
        long unitNanos = chip.programTime().typicalNanos();
        long total = 0;
        for (int w = from - from % window; w < to; w += window) {
            int lo = Math.max(w, from);
            int hi = Math.min(w + window, to);
            boolean whole = lo == w && hi == w + window;
            if (model instanceof WriteModel.Page) {
                boolean write = erased ? !allFF(tgt, lo, hi) : !Arrays.equals(cur, lo, hi, tgt, lo, hi);
                if (write && !erased && !allFF(cur, lo, hi)) {
                    return Long.MAX_VALUE;
                }
                if (write && whole) {
                    total += bus.commandNanos(window) + unitNanos;
                }
                continue;
            }
            int mustBurn = 0;
            for (int i = lo; i < hi; i++) {
                byte c = cur[i];
                byte t = tgt[i];
                if (erased) {
                    mustBurn += t != (byte) 0xFF ? 1 : 0;
                } else if (c != t) {
                    boolean allowed = model instanceof WriteModel.Bit ? (c & t) == t : c == (byte) 0xFF;
                    if (!allowed) {
                        return Long.MAX_VALUE;
                    }
                    mustBurn++;
                }
            }
            if (mustBurn > 0) {
                // a window cut by the region edge may share its call with the neighbour: no overhead counted
                total += (whole ? bus.commandNanos(mustBurn) : bus.transferNanos(mustBurn)) + unitNanos * mustBurn;
            }
        }
        return total;
    }

    private static boolean allFF(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
