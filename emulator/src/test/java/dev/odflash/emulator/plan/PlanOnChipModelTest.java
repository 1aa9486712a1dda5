package dev.odflash.emulator.plan;

import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.EraseRegion;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.Timing;
import dev.odflash.chip.WriteModel;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.plan.FlashPlan;
import dev.odflash.plan.FlashPlanner;
import dev.odflash.plan.ProtectedRegion;
import dev.odflash.plan.PlanStep;
import dev.odflash.plan.ProgramOp;
import dev.odflash.transport.BusModel;
import dev.odflash.transport.JedecId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Plans executed on the emulator's chip model, one part per write model kind (docs/testing.md "Planner and chip model"). */
class PlanOnChipModelTest {
    private static final BusModel BUS = BusModel.ATAPI_PIO4;

    /** A made-up part whose datasheet would allow clearing any bit at any time; 128 KiB, the smallest mtk8051 image. */
    static ChipSpec bitPart() {
        return new ChipSpec("TEST-BIT", List.of(), "Test", Bus.PARALLEL, new JedecId(0xAA, 0x55), 0x20000, "5 V",
                new WriteModel.Bit(), new Timing(14, 20),
                List.of(new Eraser("sector", List.of(new EraseRegion(4096, 32)), new Timing(18_000, 25_000)),
                        new Eraser("block", List.of(new EraseRegion(65536, 2)), new Timing(1_000_000, 2_000_000)),
                        new Eraser("chip", List.of(new EraseRegion(0x20000, 1)), new Timing(70_000, 100_000))),
                70, Optional.empty(), true, "emulated", "made up for the test");
    }

    static List<ChipSpec> chips() {
        ChipTable t = ChipTable.builtIn();
        return List.of(bitPart(), t.byName("SST39SF040").orElseThrow(), t.byName("MX25L4005").orElseThrow(),
                t.byName("W29C040").orElseThrow());
    }

    static byte[] version(ChipSpec chip, String v) {
        return Mtk8051Firmware.generate("ASUS", "CRW-5224A", v, (int) chip.size());
    }

    @ParameterizedTest
    @MethodSource("chips")
    void everyVersionStepEndsOnTheTargetWithoutViolationsAndOnThePredictedTime(ChipSpec chip) {
        List<String> v = Mtk8051Firmware.VERSIONS;
        for (int from = 0; from < v.size(); from++) {
            for (int to = 0; to < v.size(); to++) {
                byte[] current = version(chip, v.get(from));
                byte[] target = version(chip, v.get(to));
                FlashPlan plan = new FlashPlanner(chip, BUS).plan(current, target);
                PlanRunner.Result r = PlanRunner.run(plan, current, target, BUS);
                String what = chip.name() + " " + v.get(from) + " -> " + v.get(to);
                assertThat(r.contents()).as(what).isEqualTo(target);
                assertThat(r.violations()).as(what).isZero();
                assertThat(r.rejected()).as(what).isZero();
                assertThat(r.stepsVerified()).as(what).isTrue();
                assertThat(r.nanos()).as(what).isEqualTo(plan.predictedNanos());
                assertThat(plan.predictedNanos()).as(what).isGreaterThanOrEqualTo(plan.lowerBoundNanos());
                assertThat(plan.noop()).as(what).isEqualTo(from == to);
                // the boot region is the same in every version: a planner told to avoid it never erases it
                FlashPlan safe = new FlashPlanner(chip, BUS).protecting(List.of(new ProtectedRegion(0, Mtk8051Firmware.BOOT_REGION, "boot region"))).plan(current, target);
                PlanRunner.Result rs = PlanRunner.run(safe, current, target, BUS);
                assertThat(safe.touches(0, Mtk8051Firmware.BOOT_REGION)).as(what + " boot").isFalse();
                assertThat(rs.contents()).as(what + " avoiding boot").isEqualTo(target);
                assertThat(rs.violations()).as(what + " avoiding boot").isZero();
                assertThat(rs.nanos()).as(what + " avoiding boot").isEqualTo(safe.predictedNanos());
            }
        }
    }

    @Test
    void aPlannerThatProgramsChangedBytesWithoutErasingIsCaught() {
        ChipSpec chip = ChipTable.builtIn().byName("SST39SF040").orElseThrow();
        byte[] current = version(chip, "1.10");
        byte[] target = version(chip, "1.20");
        FlashPlan wrong = programChangedBytesOnly(chip, current, target);
        PlanRunner.Result r = PlanRunner.run(wrong, current, target, BUS);
        assertThat(r.violations()).isPositive();
        assertThat(r.contents()).isNotEqualTo(target);

        FlashPlan right = new FlashPlanner(chip, BUS).plan(current, target);
        assertThat(PlanRunner.run(right, current, target, BUS).violations()).isZero();
    }

    /** The test double: one program call per 256-byte window holding changes, no erase ever. */
    private static FlashPlan programChangedBytesOnly(ChipSpec chip, byte[] current, byte[] target) {
        List<PlanStep> steps = new ArrayList<>();
        for (int at = 0; at < current.length; at += 256) {
            byte[] data = new byte[256];
            boolean any = false;
            for (int i = 0; i < 256; i++) {
                boolean changed = current[at + i] != target[at + i];
                data[i] = changed ? target[at + i] : (byte) 0xFF;
                any |= changed;
            }
            if (any) {
                steps.add(new PlanStep(at, 256, dev.odflash.plan.BlockAction.PROGRAM_ONLY, List.of(),
                        List.of(new ProgramOp(at, data))));
            }
        }
        return new FlashPlan(chip, steps, 0, 0);
    }
}
