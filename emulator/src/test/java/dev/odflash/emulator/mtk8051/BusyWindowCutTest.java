package dev.odflash.emulator.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A power cut while the parallel part is still busy with an erase or program (between the host's Data# polls) leaves
 * it as a cut part does (emulator/chip Interruptions: partly erased, scattered; a byte part-way), not finished.
 */
class BusyWindowCutTest {
    private static final int[][] SECTOR_ERASE = {{0x5555, 0xAA}, {0x2AAA, 0x55}, {0x5555, 0x80}, {0x5555, 0xAA},
            {0x2AAA, 0x55}, {0x1000, 0x30}};

    private static FlashChipModel model(VirtualClock clock, int fill) {
        ChipSpec spec = ChipTable.builtIn().byName("SST39SF040").orElseThrow();
        byte[] cells = new byte[(int) spec.size()];
        Arrays.fill(cells, (byte) fill);
        return new FlashChipModel(spec, cells, clock, 7);
    }

    @Test
    void aCutHalfwayThroughASectorEraseLeavesTheSectorPartlyErased() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model(clock, 0x00);
        JedecChip chip = new JedecChip(model, JedecChip.Pairs.FULL_ONLY);
        for (int[] c : SECTOR_ERASE) {
            chip.write(c[0], c[1]);
        }
        clock.advance(9_000_000L); // about half the sector erase's typical time
        chip.powerCut(clock.nanos());
        byte[] sector = Arrays.copyOfRange(model.contents(), 0x1000, 0x2000);
        long erased = countOf(sector, 0xFF);
        assertThat(erased).as("some bytes reached 0xFF").isPositive();
        assertThat(erased).as("but not all: the erase did not finish").isLessThan(sector.length);
        assertThat(model.partialErases()).isEqualTo(1);
        assertThat(model.contents()[0x0FFF]).as("outside the sector").isEqualTo((byte) 0x00);
    }

    @Test
    void aCutInsideAByteProgramLeavesThatByteShortOfItsValue() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model(clock, 0xFF);
        JedecChip chip = new JedecChip(model, JedecChip.Pairs.FULL_ONLY);
        for (int[] c : new int[][] {{0x5555, 0xAA}, {0x2AAA, 0x55}, {0x5555, 0xA0}, {0x4000, 0x00}}) {
            chip.write(c[0], c[1]);
        }
        clock.advance(2_000L); // the byte program takes about 14 µs
        chip.powerCut(clock.nanos());
        assertThat(model.contents()[0x4000]).as("not programmed to 0x00").isNotEqualTo((byte) 0x00);
        assertThat(model.partialPrograms()).isEqualTo(1);
    }

    @Test
    void aCutAfterTheBusyWindowLeavesTheFinishedErase() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model(clock, 0x00);
        JedecChip chip = new JedecChip(model, JedecChip.Pairs.FULL_ONLY);
        for (int[] c : SECTOR_ERASE) {
            chip.write(c[0], c[1]);
        }
        clock.advance(30_000_000L); // past the maximum
        chip.powerCut(clock.nanos());
        assertThat(countOf(Arrays.copyOfRange(model.contents(), 0x1000, 0x2000), 0xFF)).isEqualTo(0x1000);
        assertThat(model.partialErases()).isZero();
    }

    private static long countOf(byte[] data, int value) {
        long n = 0;
        for (byte b : data) {
            n += (b & 0xFF) == value ? 1 : 0;
        }
        return n;
    }
}
