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
            assertThat(plan.lowerBoundNanos() == 0).as(pair.name() + ": a bound of 0 means nothing changes")
                    .isEqualTo(java.util.Arrays.equals(pair.current(), pair.target()));
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

    /**
     * Figures worked out by hand from the cost rules (docs/architecture.md "Write models", BusModel
     * ATAPI_PIO4: 100 µs a command plus 60 ns a byte): one erased byte filled on the 14 µs byte part is
     * one call of one byte; one changed byte of a data sector is a 25 ms sector erase (one command, no
     * data) plus the sector's 4096 data bytes again, in 16 calls of 256.
     */
    @org.junit.jupiter.api.Test
    void smallChangesCostWhatTheRulesSayByHand() {
        ChipSpec chip = PlanChips.cheapBlockBytePart();
        byte[] current = PlanChips.erased(chip.size());
        for (int i = 0x8000; i < 0x9000; i++) {
            current[i] = (byte) (i % 251); // one sector of data with no 0xFF byte
        }
        byte[] fill = current.clone();
        fill[0x100] = 0x12;
        FlashPlan one = new FlashPlanner(chip, BUS).plan(current, fill);
        assertThat(one.predictedNanos()).isEqualTo(100_000 + 60 + 14_000);
        assertThat(one.lowerBoundNanos()).isBetween(100_000 + 60 + 14_000 - 1L, 100_000 + 60 + 14_000L);

        byte[] rewrite = current.clone();
        rewrite[0x8123] = (byte) (rewrite[0x8123] + 1 == -1 ? 1 : rewrite[0x8123] + 1);
        long expected = 100_000 + 25_000_000 + 16 * (100_000 + 256 * 60) + 4096 * 14_000L;
        FlashPlan sector = new FlashPlanner(chip, BUS).plan(current, rewrite);
        assertThat(sector.predictedNanos()).isEqualTo(expected);
        assertThat(sector.eraseBytes()).isEqualTo(4096);
        assertThat(sector.lowerBoundNanos()).isBetween(expected - 16, expected);
    }

    @org.junit.jupiter.api.Test
    void imagesOfTheWrongSizeAreRefused() {
        ChipSpec chip = PlanChips.bitPart();
        assertThatThrownBy(() -> new FlashPlanner(chip, BUS).plan(new byte[10], new byte[10]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
