package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.transport.BusModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which erasers the planner picks: the cheapest in device time, and never the boot region when it can help it. */
class EraserChoiceTest {
    private static final BusModel BUS = BusModel.ATAPI_PIO4;
    private static final ProtectedRegion BOOT = new ProtectedRegion(0, 0x4000, "boot region");

    private static byte[] rewriteSectors(byte[] image, int from, int sectors) {
        byte[] t = image.clone();
        for (int s = 0; s < sectors; s++) {
            t[from + s * 4096 + 100] ^= 0x5A; // one byte per sector, not 0xFF after the change
            t[from + s * 4096 + 100] &= 0x7F;
        }
        return t;
    }

    @Test
    void manyChangedSectorsOfABlockTakeOneBlockEraseWhereThatIsCheaper() {
        ChipSpec chip = PlanChips.cheapBlockBytePart();
        byte[] current = PlanScenarios.image((int) chip.size(), 5);
        FlashPlan plan = new FlashPlanner(chip, BUS).plan(current, rewriteSectors(current, 65536, 16));
        assertThat(plan.eraseCount()).isEqualTo(1);
        assertThat(plan.steps()).anyMatch(s -> !s.erases().isEmpty() && s.erases().getFirst().size() == 65536
                && s.erases().getFirst().eraser().equals("block"));

        FlashPlan one = new FlashPlanner(chip, BUS).plan(current, rewriteSectors(current, 65536, 1));
        assertThat(one.eraseBytes()).as("one changed sector: a sector erase").isEqualTo(4096);
    }

    @Test
    void onMx25l4005SixteenSectorErasesBeatOneBlockErase() {
        // 16 x 60 ms < 1 s, and the programs are the same either way: the block eraser never pays off here
        ChipSpec chip = PlanChips.builtIn("MX25L4005");
        byte[] current = PlanScenarios.image((int) chip.size(), 6);
        FlashPlan plan = new FlashPlanner(chip, BUS).plan(current, rewriteSectors(current, 65536, 16));
        // (sectors whose changed page is still erased are programmed without erase)
        assertThat(plan.eraseCount()).isPositive();
        assertThat(plan.steps()).flatExtracting(PlanStep::erases).allMatch(e -> e.eraser().equals("sector"));
    }

    @Test
    void aFullRewriteOfAParallelPartUsesChipErase() {
        ChipSpec chip = PlanChips.builtIn("SST39SF040");
        byte[] current = PlanScenarios.image((int) chip.size(), 7);
        byte[] target = current.clone();
        for (int i = 0; i < target.length; i++) {
            target[i] = (byte) ~target[i];
        }
        FlashPlan plan = new FlashPlanner(chip, BUS).plan(current, target);
        assertThat(plan.eraseCount()).isEqualTo(1);
        assertThat(plan.eraseBytes()).isEqualTo(chip.size());
    }

    @Test
    void theBootRegionIsUntouchedWhenOnlyHigherBlocksChange() {
        for (ChipSpec chip : PlanChips.all()) {
            byte[] current = PlanScenarios.image((int) chip.size(), 8);
            byte[] target = rewriteSectors(current, 0x10000, 8);
            FlashPlan plan = new FlashPlanner(chip, BUS).plan(current, target);
            assertThat(plan.touches(0, 0x4000)).as(chip.name()).isFalse();
            assertThat(plan.touches(0x10000, 0x18000)).as(chip.name()).isTrue();
        }
    }

    @Test
    void bootSectorLayoutErasesOnlyTheParameterSectorThatChanged() {
        ChipSpec chip = PlanChips.bootSectorPart();
        byte[] current = PlanScenarios.image((int) chip.size(), 9);
        FlashPlan plan = new FlashPlanner(chip, BUS).plan(current, rewriteSectors(current, 0x6000, 1));
        assertThat(plan.eraseCount()).isEqualTo(1);
        assertThat(plan.steps()).anyMatch(s -> s.offset() == 0x6000 && s.length() == 8192
                && s.action() == BlockAction.ERASE_AND_PROGRAM);
        assertThat(plan.touches(0, 0x4000)).isFalse();
    }

    @Test
    void avoidingKeepsBigErasesOffTheBootRegionWhenItCan() {
        ChipSpec chip = PlanChips.cheapBlockBytePart();
        byte[] current = PlanScenarios.image((int) chip.size(), 10);
        byte[] target = rewriteSectors(current, 0x4000, 12); // every sector of block 0 but the boot's four
        assertThat(new FlashPlanner(chip, BUS).plan(current, target).touches(0, 0x4000))
                .as("unrestricted, the cheap 64 KiB erase wins").isTrue();
        FlashPlan avoided = new FlashPlanner(chip, BUS).protecting(List.of(BOOT)).plan(current, target);
        assertThat(avoided.touches(0, 0x4000)).isFalse();
        TinyChip tiny = new TinyChip(chip, BUS, current);
        tiny.run(avoided);
        assertThat(tiny.cells).isEqualTo(target);

        byte[] bootChanged = rewriteSectors(current, 0, 1);
        assertThat(new FlashPlanner(chip, BUS).protecting(List.of(BOOT)).plan(current, bootChanged).touches(0, 0x4000))
                .as("a changed boot region cannot be avoided; the caller's gate decides").isTrue();
    }

    @Test
    void bitPartsProgramOneToZeroClearsWithoutErasing() {
        ChipSpec chip = PlanChips.bitPart();
        byte[] current = PlanScenarios.image((int) chip.size(), 12);
        byte[] target = current.clone();
        target[5000] &= 0x0F;
        target[70000] &= (byte) 0xF0;
        FlashPlan plan = new FlashPlanner(chip, BUS).plan(current, target);
        assertThat(plan.eraseCount()).isZero();
        assertThat(plan.programBytes()).isLessThanOrEqualTo(2);
        assertThat(plan.steps()).filteredOn(s -> s.action() == BlockAction.PROGRAM_ONLY).hasSize(2);
    }

    @Test
    void everyProtectedRegionIsKeptOffErasesOnItsOwn() {
        // cheap 64 KiB blocks: unrestricted, rewriting most sectors of both blocks erases each block whole
        ChipSpec chip = PlanChips.cheapBlockBytePart();
        byte[] current = PlanScenarios.image((int) chip.size(), 13);
        byte[] target = rewriteSectors(rewriteSectors(current, 0x4000, 12), 0x14000, 12);
        ProtectedRegion calibration = new ProtectedRegion(0x10000, 0x4000, "calibration");
        FlashPlan open = new FlashPlanner(chip, BUS).plan(current, target);
        assertThat(open.touched(List.of(BOOT, calibration))).as("unrestricted").containsExactly(BOOT, calibration);

        FlashPlan kept = new FlashPlanner(chip, BUS).protecting(List.of(BOOT, calibration)).plan(current, target);
        assertThat(kept.touched(List.of(BOOT, calibration))).isEmpty();
        assertThat(kept.steps()).flatExtracting(PlanStep::erases).allMatch(e -> e.eraser().equals("sector"));
        TinyChip tiny = new TinyChip(chip, BUS, current);
        tiny.run(kept);
        assertThat(tiny.cells).isEqualTo(target);

        // the calibration itself changes: only that region is given up, the boot region stays kept off
        byte[] calibrationChanged = rewriteSectors(target, 0x10000, 1);
        FlashPlan one = new FlashPlanner(chip, BUS).protecting(List.of(BOOT, calibration)).plan(current, calibrationChanged);
        assertThat(one.touched(List.of(BOOT, calibration))).containsExactly(calibration);
        assertThat(one.touches(BOOT)).isFalse();
    }
}
