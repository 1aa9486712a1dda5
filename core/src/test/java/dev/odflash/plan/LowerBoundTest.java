package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.EraseBlock;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound sits at or below valid plans other than the planner's own: here flashrom's sector-by-sector plan. */
class LowerBoundTest {
    private static final BusModel BUS = BusModel.ATAPI_PIO4;

    static List<ChipSpec> chips() {
        return PlanChips.all().stream().filter(c -> !(c.writeModel() instanceof WriteModel.AutoPage)).toList();
    }

    @ParameterizedTest
    @MethodSource("chips")
    void boundIsAtOrBelowASectorBySectorPlan(ChipSpec chip) {
        for (PlanScenarios.Pair pair : PlanScenarios.pairs((int) chip.size(), 21)) {
            FlashPlan simple = sectorBySector(chip, pair.current(), pair.target());
            TinyChip tiny = new TinyChip(chip, BUS, pair.current());
            tiny.run(simple);
            assertThat(tiny.cells).as(pair.name()).isEqualTo(pair.target());
            long bound = LowerBound.nanos(chip, BUS, pair.current(), pair.target());
            assertThat(bound).as(pair.name()).isLessThanOrEqualTo(tiny.nanos);
            assertThat(bound == 0).as(pair.name()).isEqualTo(Arrays.equals(pair.current(), pair.target()));
        }
    }

    /** Erase every smallest block that differs, then program each whole window holding a non-0xFF byte. */
    private static FlashPlan sectorBySector(ChipSpec chip, byte[] current, byte[] target) {
        List<PlanStep> steps = new ArrayList<>();
        int window = chip.maxProgramLength();
        for (EraseBlock b : chip.smallestEraser().blocks()) {
            int from = (int) b.offset();
            if (Arrays.equals(current, from, (int) b.end(), target, from, (int) b.end())) {
                continue;
            }
            List<ProgramOp> programs = new ArrayList<>();
            for (int at = from; at < b.end(); at += window) {
                byte[] data = Arrays.copyOfRange(target, at, at + window);
                if (ChipTimings.programmedBytes(data, 0, data.length) > 0) {
                    programs.add(new ProgramOp(at, data));
                }
            }
            steps.add(new PlanStep(from, b.size(), BlockAction.ERASE_AND_PROGRAM,
                    List.of(new EraseOp(from, b.size(), chip.smallestEraser().name())), programs));
        }
        return new FlashPlan(chip, steps, 0, 0);
    }
}
