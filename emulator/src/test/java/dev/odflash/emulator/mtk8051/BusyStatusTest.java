package dev.odflash.emulator.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** While an embedded operation runs the parts answer status, not data (SST39SF040 / MX25L2005 data sheets). */
class BusyStatusTest {
    private static FlashChipModel model(String name, VirtualClock clock) {
        ChipSpec spec = ChipTable.builtIn().byName(name).orElseThrow();
        byte[] cells = new byte[(int) spec.size()];
        Arrays.fill(cells, (byte) 0x00);
        return new FlashChipModel(spec, cells, clock, 1);
    }

    @Test
    void aSectorEraseReadsDq7LowWithDq6TogglingUntilItsTimeHasPassed() {
        VirtualClock clock = new VirtualClock();
        JedecChip chip = new JedecChip(model("SST39SF040", clock), JedecChip.Pairs.FULL_ONLY);
        for (int[] c : new int[][] {{0x5555, 0xAA}, {0x2AAA, 0x55}, {0x5555, 0x80}, {0x5555, 0xAA}, {0x2AAA, 0x55}, {0x1000, 0x30}}) {
            chip.write(c[0], c[1]);
        }
        int first = chip.read(0x1000);
        int second = chip.read(0x1000);
        assertThat(first & 0x80).as("DQ7 is the complement of the erased 1").isZero();
        assertThat((first ^ second) & 0x40).as("DQ6 toggles").isEqualTo(0x40);
        chip.write(0x1000, 0xF0); // ignored while busy
        clock.advance(25_000_000L); // past the sector erase's maximum
        assertThat(chip.read(0x1000)).isEqualTo(0xFF);
        assertThat(chip.read(0x0FFF)).as("outside the sector").isEqualTo(0x00);
    }

    @Test
    void aSerialPartKeepsWipSetAndIgnoresCommandsWhileItErases() {
        VirtualClock clock = new VirtualClock();
        SerialChip chip = new SerialChip(model("MX25L2005", clock), 0);
        chip.transfer(new byte[] {0x06}, 0);
        chip.transfer(new byte[] {0x20, 0, 0x10, 0}, 0);
        assertThat(chip.transfer(new byte[] {0x05}, 1)[0] & 0x01).as("WIP").isEqualTo(1);
        assertThat(chip.transfer(new byte[] {0x03, 0, 0x10, 0}, 1)[0]).as("READ ignored while busy").isZero();
        clock.advance(200_000_000L);
        assertThat(chip.transfer(new byte[] {0x05}, 1)[0] & 0x01).isZero();
        assertThat(chip.transfer(new byte[] {0x03, 0, 0x10, 0}, 1)[0]).isEqualTo((byte) 0xFF);
    }
}
