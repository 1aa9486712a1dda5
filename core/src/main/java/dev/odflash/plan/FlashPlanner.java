package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.EraseBlock;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Plans a chip-style write at minimum device time (docs/architecture.md "Write models").
 *
 * <p>The chip is cut into atoms at every erase block boundary of every eraser (and every 4 KiB, so
 * steps stay small on parts whose only eraser is the whole chip). Every erase block is a whole number
 * of atoms, so a plan is a choice, left to right, between "leave this atom unerased" (allowed where
 * the write model allows programming it as it is) and "erase one block starting here". Program calls
 * never cross an atom, so costs add up per atom and a shortest-path pass over the boundaries finds the
 * cheapest plan exactly (among plans whose erase blocks do not overlap, which is all that can pay off
 * on nested layouts). Costs are the emulator's: bus.commandNanos + {@link ChipTimings}.
 *
 * <p>Exact means: equal to the cheapest of all valid plans when the erase blocks nest and every erase
 * boundary falls on a program window ({@code maxProgramLength}) boundary, which holds for every chip of
 * the built-in table; PlannerOptimalityTest checks it against every plan of tiny chips. Where an erase
 * boundary cuts a window (blocks smaller than 256 bytes on byte or bit parts) a call that the optimum
 * would let cross it is split, costing at most one command more per such window; where blocks overlap
 * without nesting, plans erasing both overlapping blocks are not considered.
 */
public final class FlashPlanner {
    /** Step size where the erase layout leaves freedom: 4 KiB, the usual sector (rounded to whole program windows). */
    private static final int STEP_GRAIN = 4096;

    private final ChipSpec chip;
    private final BusModel bus;
    private final ProgramCalls calls;
    private final List<ProtectedRegion> protectedRegions;

    public FlashPlanner(ChipSpec chip, BusModel bus) {
        this(chip, bus, List.of());
    }

    private FlashPlanner(ChipSpec chip, BusModel bus, List<ProtectedRegion> protectedRegions) {
        this.chip = Objects.requireNonNull(chip, "chip");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.calls = new ProgramCalls(chip, bus);
        this.protectedRegions = List.copyOf(protectedRegions);
        if (chip.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(chip.name() + " is larger than a Java array");
        }
    }

    /**
     * A planner that keeps erases off each of {@code regions} (e.g. the boot region, safety rule 3) as
     * far as the chip's erasers allow. A region is kept off when the target can be reached without
     * erasing any block overlapping it (nor any block overlapping the regions already kept off): regions
     * are taken in list order, so an earlier one wins when two cannot both be kept off. A region whose
     * content needs an erase the erasers cannot give without it is given up: the plan is then the
     * cheapest one that keeps the others, and {@link FlashPlan#touched} tells the caller, whose gate decides.
     * Programs are never kept off: a region whose content changes is programmed.
     */
    public FlashPlanner protecting(List<ProtectedRegion> regions) {
        return new FlashPlanner(chip, bus, regions);
    }

    public FlashPlan plan(byte[] current, byte[] target) {
        if (current.length != chip.size() || target.length != chip.size()) {
            throw new IllegalArgumentException("images must be " + chip.size() + " bytes for " + chip.name()
                    + ": current " + current.length + ", target " + target.length);
        }
        int[] cuts = boundaries();
        List<Atom> atoms = new ArrayList<>();
        for (int k = 0; k + 1 < cuts.length; k++) {
            atoms.add(atom(current, target, cuts[k], cuts[k + 1]));
        }
        List<ProtectedRegion> keptOff = new ArrayList<>();
        Choice[] best = shortestPath(cuts, atoms, keptOff);
        for (ProtectedRegion region : protectedRegions) {
            keptOff.add(region);
            Choice[] without = shortestPath(cuts, atoms, keptOff);
            if (without[cuts.length - 1] == null) {
                keptOff.removeLast(); // only an erase overlapping this region reaches the target
            } else {
                best = without;
            }
        }
        List<PlanStep> steps = steps(cuts, atoms, best);
        long predicted = 0;
        for (PlanStep s : steps) {
            for (EraseOp e : s.erases()) {
                predicted += eraseNanos(eraserNamed(e.eraser()));
            }
            for (ProgramOp p : s.programs()) {
                predicted += calls.nanos(p);
            }
        }
        return new FlashPlan(chip, steps, predicted, LowerBound.nanos(chip, bus, current, target));
    }

    /** One atom: its program calls as it stands ({@code null}: not allowed) and right after an erase. */
    private record Atom(int from, int to, boolean changed, List<ProgramOp> keep, long keepNanos,
                        List<ProgramOp> erased, long erasedNanos) {
    }

    /** An erase block that may start a step, and the eraser that has it. */
    private record Candidate(Eraser eraser, EraseBlock block) {
    }

    /** How the shortest path reached a boundary: from boundary {@code from}, by erasing {@code eraser} (or not). */
    private record Choice(long nanos, int from, Eraser eraser) {
    }

    private Atom atom(byte[] current, byte[] target, int from, int to) {
        boolean changed = !java.util.Arrays.equals(current, from, to, target, from, to);
        List<ProgramOp> keep = changed ? calls.forRange(current, target, from, to, false) : List.of();
        boolean canErase = !(chip.writeModel() instanceof WriteModel.AutoPage);
        List<ProgramOp> erased = canErase ? calls.forRange(current, target, from, to, true) : null;
        return new Atom(from, to, changed, keep, sum(keep), erased, sum(erased));
    }

    private long sum(List<ProgramOp> ops) {
        return ops == null ? Long.MAX_VALUE : ops.stream().mapToLong(calls::nanos).sum();
    }

    /** Cheapest path over the boundaries using no erase block that overlaps a region of {@code keptOff}. */
    private Choice[] shortestPath(int[] cuts, List<Atom> atoms, List<ProtectedRegion> keptOff) {
        Map<Integer, Integer> index = new HashMap<>();
        for (int k = 0; k < cuts.length; k++) {
            index.put(cuts[k], k);
        }
        Map<Integer, List<Candidate>> blocksAt = new HashMap<>();
        if (!(chip.writeModel() instanceof WriteModel.AutoPage)) { // autopage parts never get an erase command
            for (Eraser e : chip.erasers()) {
                for (EraseBlock b : e.blocks()) {
                    if (keptOff.stream().noneMatch(r -> r.overlaps(b.offset(), b.end()))) {
                        blocksAt.computeIfAbsent((int) b.offset(), o -> new ArrayList<>()).add(new Candidate(e, b));
                    }
                }
            }
        }
        long[] prefixErased = new long[cuts.length];
        for (int k = 0; k < atoms.size(); k++) {
            long c = atoms.get(k).erasedNanos();
            prefixErased[k + 1] = c == Long.MAX_VALUE || prefixErased[k] == Long.MAX_VALUE ? Long.MAX_VALUE : prefixErased[k] + c;
        }
        Choice[] best = new Choice[cuts.length];
        best[0] = new Choice(0, -1, null);
        for (int k = 0; k < atoms.size(); k++) {
            if (best[k] == null) {
                continue;
            }
            Atom a = atoms.get(k);
            if (a.keep() != null) {
                relax(best, k + 1, new Choice(best[k].nanos() + a.keepNanos(), k, null));
            }
            for (Candidate cand : blocksAt.getOrDefault(cuts[k], List.of())) {
                Eraser e = cand.eraser();
                int end = index.get((int) cand.block().end());
                relax(best, end, new Choice(best[k].nanos() + eraseNanos(e) + prefixErased[end] - prefixErased[k], k, e));
            }
        }
        return best;
    }

    private static void relax(Choice[] best, int at, Choice c) {
        if (best[at] == null || c.nanos() < best[at].nanos()) {
            best[at] = c;
        }
    }

    private List<PlanStep> steps(int[] cuts, List<Atom> atoms, Choice[] best) {
        List<PlanStep> steps = new ArrayList<>();
        for (int k = cuts.length - 1; k > 0; k = best[k].from()) {
            Choice c = best[k];
            int from = cuts[c.from()];
            if (c.eraser() == null) {
                Atom a = atoms.get(c.from());
                BlockAction action = !a.changed() ? BlockAction.UNCHANGED
                        : chip.writeModel() instanceof WriteModel.AutoPage ? BlockAction.PAGE_REWRITE : BlockAction.PROGRAM_ONLY;
                steps.add(new PlanStep(from, cuts[k] - from, action, List.of(), a.keep()));
            } else {
                List<ProgramOp> programs = new ArrayList<>();
                for (int j = c.from(); j < k; j++) {
                    programs.addAll(atoms.get(j).erased());
                }
                steps.add(new PlanStep(from, cuts[k] - from, BlockAction.ERASE_AND_PROGRAM,
                        List.of(new EraseOp(from, cuts[k] - from, c.eraser().name())), programs));
            }
        }
        return steps.reversed();
    }

    /** Every erase block boundary of every eraser, plus a 4 KiB grid aligned to whole program windows. */
    private int[] boundaries() {
        int unit = chip.maxProgramLength();
        int grain = Math.max(unit, STEP_GRAIN / unit * unit);
        TreeSet<Integer> cuts = new TreeSet<>();
        for (long at = 0; at <= chip.size(); at += grain) {
            cuts.add((int) at);
        }
        cuts.add((int) chip.size());
        for (Eraser e : chip.erasers()) {
            for (EraseBlock b : e.blocks()) {
                cuts.add((int) b.offset());
                cuts.add((int) Math.min(b.end(), chip.size()));
            }
        }
        int pageUnit = chip.writeModel().programUnit();
        for (int c : cuts) {
            if (c % pageUnit != 0 && c != chip.size()) { // a page split by an erase boundary cannot be written whole
                throw new IllegalArgumentException(chip.name() + ": erase boundary 0x" + Integer.toHexString(c)
                        + " is not aligned to the " + pageUnit + "-byte page");
            }
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private long eraseNanos(Eraser e) {
        return bus.commandNanos(0) + ChipTimings.eraseNanos(chip, e);
    }

    private Eraser eraserNamed(String name) {
        return chip.erasers().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
