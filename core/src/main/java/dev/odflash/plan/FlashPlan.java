package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.WriteModel;

import java.util.List;

/**
 * A chip-style write plan (docs/architecture.md "Write models"). {@code predictedNanos} is the write phase (erase and program
 * calls, chip plus bus time) priced with {@link ChipTimings} and the planner's bus model, so an
 * emulated drive executing it advances its clock by exactly that much; reads are not included.
 * {@code lowerBoundNanos} is {@link LowerBound#nanos} for the same images.
 */
public record FlashPlan(ChipSpec chip, List<PlanStep> steps, long predictedNanos, long lowerBoundNanos) {
    public FlashPlan {
        steps = List.copyOf(steps);
    }

    public int eraseCount() {
        return steps.stream().mapToInt(s -> s.erases().size()).sum();
    }

    public long eraseBytes() {
        return steps.stream().flatMap(s -> s.erases().stream()).mapToLong(EraseOp::size).sum();
    }

    /** Bytes actually burnt: non-0xFF bytes sent on byte and bit parts, whole pages on page parts. */
    public long programBytes() {
        boolean perByte = chip.writeModel() instanceof WriteModel.Byte || chip.writeModel() instanceof WriteModel.Bit;
        return steps.stream().flatMap(s -> s.programs().stream())
                .mapToLong(p -> perByte ? ChipTimings.programmedBytes(p.data(), 0, p.length()) : p.length()).sum();
    }

    public int programCalls() {
        return steps.stream().mapToInt(s -> s.programs().size()).sum();
    }

    /** Whether any erase or program of the plan overlaps {@code [start, endExclusive)} (e.g. the boot region). */
    public boolean touches(long start, long endExclusive) {
        for (PlanStep s : steps) {
            for (EraseOp e : s.erases()) {
                if (e.offset() < endExclusive && start < e.end()) {
                    return true;
                }
            }
            for (ProgramOp p : s.programs()) {
                if (p.offset() < endExclusive && start < p.end()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any erase or program of the plan overlaps {@code region}. */
    public boolean touches(ProtectedRegion region) {
        return touches(region.offset(), region.end());
    }

    /** The regions, of {@code regions}, that an erase or program of the plan overlaps, in the given order. */
    public List<ProtectedRegion> touched(List<ProtectedRegion> regions) {
        return regions.stream().filter(this::touches).toList();
    }

    /** Nothing to erase or program: the chip already holds the target. */
    public boolean noop() {
        return steps.stream().allMatch(s -> s.erases().isEmpty() && s.programs().isEmpty());
    }
}
