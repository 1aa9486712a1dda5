package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.EraseBlock;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The cheapest valid plan of a tiny chip found by trying them all, written from docs/architecture.md
 * "Write models" and sharing no code with the planner or {@link LowerBound}. Prices come straight from
 * the cost rules: an erase costs one command with no data plus the eraser's typical time; a program call
 * costs one command carrying its bytes plus the program time of each non-0xFF byte sent (bit, byte) or of
 * its page (page, autopage), and stays inside one aligned {@code maxProgramLength} window.
 *
 * <p>Every subset of the erase blocks of every eraser is tried (overlapping and nested ones too). For
 * each, every window's program calls are tried too: each way of grouping the window's runs of bytes
 * that must be burnt into calls. Plans outside that space cost no less than one inside it: doing an
 * erase after a program wastes the program (erases first loses nothing), a call reaching past the
 * first or last byte it must burn only carries more bytes, a byte burnt twice costs twice, and a
 * byte sent other than 0xFF that needs no burning costs a program time for nothing.
 */
final class ExhaustivePlans {
    static final long IMPOSSIBLE = Long.MAX_VALUE;

    /** An erase block as the erase units it sets to 0xFF, and its cost. */
    private record Block(long units, long cost) {
    }

    private final ChipSpec chip;
    private final BusModel bus;
    private final byte[] current;
    private final byte[] target;
    private final int unit;
    private final int units;
    private final long[] programCostByMask;
    private final java.util.Map<Integer, long[]> windowCosts = new java.util.HashMap<>();

    ExhaustivePlans(ChipSpec chip, BusModel bus, byte[] current, byte[] target) {
        this.chip = chip;
        this.bus = bus;
        this.current = current;
        this.target = target;
        long g = chip.size();
        for (Eraser e : chip.erasers()) {
            for (EraseBlock b : e.blocks()) {
                g = gcd(g, gcd(b.offset(), b.size()));
            }
        }
        this.unit = (int) g;
        this.units = (int) (chip.size() / unit);
        if (units > 20) {
            throw new IllegalArgumentException("too many erase units for an exhaustive search: " + units);
        }
        this.programCostByMask = new long[1 << units];
        Arrays.fill(programCostByMask, -1);
    }

    /** Least cost of any valid plan that erases no block {@code forbidden} rejects; {@link #IMPOSSIBLE} if none. */
    long optimum(Predicate<EraseBlock> forbidden) {
        List<Block> blocks = new ArrayList<>();
        if (!(chip.writeModel() instanceof WriteModel.AutoPage)) { // no erase command on autopage parts
            for (Eraser e : chip.erasers()) {
                for (EraseBlock b : e.blocks()) {
                    if (!forbidden.test(b)) {
                        long bits = 0;
                        for (long at = b.offset(); at < b.end(); at += unit) {
                            bits |= 1L << (at / unit);
                        }
                        blocks.add(new Block(bits, bus.commandNanos(0) + e.timePerBlock().typicalNanos()));
                    }
                }
            }
        }
        if (blocks.size() > 22) {
            throw new IllegalArgumentException("too many erase blocks for an exhaustive search: " + blocks.size());
        }
        long[] best = {IMPOSSIBLE};
        search(blocks, 0, 0L, 0L, best);
        return best[0];
    }

    long optimum() {
        return optimum(b -> false);
    }

    private void search(List<Block> blocks, int next, long mask, long eraseCost, long[] best) {
        if (next == blocks.size()) {
            long programs = programCost(mask);
            if (programs != IMPOSSIBLE) {
                best[0] = Math.min(best[0], eraseCost + programs);
            }
            return;
        }
        search(blocks, next + 1, mask, eraseCost, best);
        Block b = blocks.get(next);
        search(blocks, next + 1, mask | b.units(), eraseCost + b.cost(), best);
    }

    private long programCost(long mask) {
        if (programCostByMask[(int) mask] >= 0) {
            return programCostByMask[(int) mask];
        }
        int window = chip.maxProgramLength();
        long total = 0;
        for (int w = 0; w < current.length && total != IMPOSSIBLE; w += window) {
            // a window's calls depend only on the erase units it overlaps: remember each state once
            int u0 = w / unit;
            int u1 = (w + window - 1) / unit;
            int state = (int) (mask >>> u0 & ((1L << (u1 - u0 + 1)) - 1));
            long[] memo = windowCosts.computeIfAbsent(w, k -> {
                long[] m = new long[1 << (u1 - u0 + 1)];
                Arrays.fill(m, -1);
                return m;
            });
            if (memo[state] < 0) {
                boolean[] erased = new boolean[window];
                for (int i = 0; i < window; i++) {
                    erased[i] = (state >>> ((w + i) / unit - u0) & 1) != 0;
                }
                memo[state] = windowCost(erased, w, window);
            }
            total = memo[state] == IMPOSSIBLE ? IMPOSSIBLE : total + memo[state];
        }
        programCostByMask[(int) mask] = total;
        return total;
    }

    /** Cheapest calls inside the window at {@code from}, given which of its bytes the plan's erases left at 0xFF. */
    private long windowCost(boolean[] erased, int from, int window) {
        long programTime = chip.programTime().typicalNanos();
        WriteModel model = chip.writeModel();
        if (model instanceof WriteModel.Page || model instanceof WriteModel.AutoPage) {
            boolean write = false;
            boolean writable = true;
            for (int i = from; i < from + window; i++) {
                byte now = erased[i - from] ? (byte) 0xFF : current[i];
                write |= now != target[i];
                writable &= now == (byte) 0xFF;
            }
            if (!write) {
                return 0;
            }
            if (model instanceof WriteModel.Page && !writable) {
                return IMPOSSIBLE; // page:N writes only an erased page
            }
            return bus.commandNanos(window) + programTime; // one whole page, burnt as a unit
        }
        boolean[] burn = new boolean[window];
        for (int i = from; i < from + window; i++) {
            byte now = erased[i - from] ? (byte) 0xFF : current[i];
            if (now == target[i]) {
                continue;
            }
            boolean allowed = model instanceof WriteModel.Bit ? (now & target[i]) == target[i] : now == (byte) 0xFF;
            if (!allowed) {
                return IMPOSSIBLE;
            }
            burn[i - from] = true;
        }
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < window; i++) {
            if (burn[i]) {
                int start = i;
                while (i + 1 < window && burn[i + 1]) {
                    i++;
                }
                runs.add(new int[]{start, i + 1});
            }
        }
        if (runs.isEmpty()) {
            return 0;
        }
        if (runs.size() > 16) {
            throw new IllegalArgumentException("too many runs in one window for an exhaustive search: " + runs.size());
        }
        int burnt = 0;
        for (boolean b : burn) {
            burnt += b ? 1 : 0;
        }
        long best = IMPOSSIBLE;
        int gaps = runs.size() - 1;
        for (int joined = 0; joined < 1 << gaps; joined++) { // bit g set: runs g and g+1 share a call
            long cost = 0;
            int start = runs.getFirst()[0];
            for (int r = 0; r < runs.size(); r++) {
                boolean last = r == gaps || (joined >>> r & 1) == 0;
                if (last) {
                    cost += bus.commandNanos(runs.get(r)[1] - start);
                    if (r < gaps) {
                        start = runs.get(r + 1)[0];
                    }
                }
            }
            best = Math.min(best, cost);
        }
        return best + programTime * burnt;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
