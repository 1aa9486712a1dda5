package dev.odflash.plan;

import java.util.List;

/**
 * One unit of a plan, in address order and disjoint from the others. The executor does the erases,
 * then the programs, then reads {@code [offset, offset + length)} back and compares it with the target.
 */
public record PlanStep(long offset, int length, BlockAction action, List<EraseOp> erases, List<ProgramOp> programs) {
    public PlanStep {
        erases = List.copyOf(erases);
        programs = List.copyOf(programs);
    }

    public long end() {
        return offset + length;
    }
}
