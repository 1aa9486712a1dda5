package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.transport.BusModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlashPlannerTest {
    private static final BusModel BUS = BusModel.ATAPI_PIO4;

    static List<ChipSpec> chips() {
        return PlanChips.all();
    }

    @ParameterizedTest
    @MethodSource("chips")
    void identicalImagesGiveANoopPlan(ChipSpec chip) {
        byte[] image = PlanScenarios.image((int) chip.size(), 3);
        FlashPlan plan = new FlashPlanner(chip, BUS).plan(image, image.clone());
        assertThat(plan.noop()).isTrue();
        assertThat(plan.eraseCount()).isZero();
        assertThat(plan.programCalls()).isZero();
        assertThat(plan.predictedNanos()).isZero();
        assertThat(plan.lowerBoundNanos()).isZero();
        assertThat(plan.steps()).allMatch(s -> s.action() == BlockAction.UNCHANGED);
    }

    @ParameterizedTest
    @MethodSource("chips")
    void plansObeyTheWriteModelReachTheTargetAndPriceThemselvesExactly(ChipSpec chip) {
        for (PlanScenarios.Pair pair : PlanScenarios.pairs((int) chip.size(), chip.name().hashCode())) {
            FlashPlan plan = new FlashPlanner(chip, BUS).plan(pair.current(), pair.target());
            TinyChip tiny = new TinyChip(chip, BUS, pair.current());
            tiny.run(plan);
            assertThat(tiny.violations).as(pair.name()).isZero();
            assertThat(tiny.cells).as(pair.name()).isEqualTo(pair.target());
            assertThat(tiny.nanos).as(pair.name()).isEqualTo(plan.predictedNanos());
            assertThat(plan.predictedNanos()).as(pair.name()).isGreaterThanOrEqualTo(plan.lowerBoundNanos());
            assertThat(plan.lowerBoundNanos()).isEqualTo(LowerBound.nanos(chip, BUS, pair.current(), pair.target()));
            long covered = plan.steps().stream().mapToLong(PlanStep::length).sum();
            assertThat(covered).as("steps cover the chip").isEqualTo(chip.size());
        }
    }

    @ParameterizedTest
    @MethodSource("chips")
    void actionsFollowTheWriteModel(ChipSpec chip) {
        for (PlanScenarios.Pair pair : PlanScenarios.pairs((int) chip.size(), 11)) {
            for (PlanStep s : new FlashPlanner(chip, BUS).plan(pair.current(), pair.target()).steps()) {
                switch (s.action()) {
                    case UNCHANGED -> assertThat(s.erases().isEmpty() && s.programs().isEmpty()).isTrue();
                    case PROGRAM_ONLY, PAGE_REWRITE -> assertThat(s.erases()).isEmpty();
                    case ERASE_AND_PROGRAM -> assertThat(s.erases()).hasSize(1);
                }
                if (chip.writeModel() instanceof dev.odflash.chip.WriteModel.AutoPage) {
                    assertThat(s.action()).isIn(BlockAction.UNCHANGED, BlockAction.PAGE_REWRITE);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void imagesOfTheWrongSizeAreRefused() {
        ChipSpec chip = PlanChips.bitPart();
        assertThatThrownBy(() -> new FlashPlanner(chip, BUS).plan(new byte[10], new byte[10]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
