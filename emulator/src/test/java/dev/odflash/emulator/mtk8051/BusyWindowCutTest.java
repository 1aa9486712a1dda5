package dev.odflash.emulator.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A power cut while the part is still busy with an erase or program (between the host's Data# or RDSR polls) leaves
 * it as a cut part does (emulator/chip Interruptions: partly erased, scattered; a byte part-way; a page part's page
 * partly programmed; an autopage part's page partly erased, or erased and partly programmed), not finished.
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

    private static FlashChipModel model(String part, VirtualClock clock, int fill) {
        ChipSpec spec = ChipTable.builtIn().byName(part).orElseThrow();
        byte[] cells = new byte[(int) spec.size()];
        Arrays.fill(cells, (byte) fill);
        return new FlashChipModel(spec, cells, clock, 7);
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 37 + 11 & 0x7F); // every byte clears bit 7 at least: each has bits to burn
        }
        return b;
    }

    private static void spi(SerialChip chip, int... tx) {
        byte[] b = new byte[tx.length];
        for (int i = 0; i < tx.length; i++) {
            b[i] = (byte) tx[i];
        }
        chip.transfer(b, 0);
    }

    @Test
    void aCutHalfwayThroughASerialSectorEraseLeavesTheSectorPartlyErased() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model("MX25L4005", clock, 0x00);
        SerialChip chip = new SerialChip(model, 0);
        spi(chip, 0x06);
        spi(chip, 0x20, 0x01, 0x00, 0x00); // sector erase at 0x10000
        assertThat(chip.busy()).isTrue();
        clock.advance(30_000_000L); // half the typical 60 ms
        chip.powerCut(clock.nanos());
        byte[] sector = Arrays.copyOfRange(model.contents(), 0x10000, 0x11000);
        assertThat(countOf(sector, 0xFF)).as("some bytes erased, not all").isPositive().isLessThan(sector.length);
        assertThat(model.partialErases()).isEqualTo(1);
        assertThat(model.busyCuts()).isEqualTo(1);
        assertThat(model.contents()[0x11000]).as("outside the sector").isEqualTo((byte) 0x00);
    }

    @Test
    void aCutInsideASerialPageProgramLeavesThePagePartlyProgrammedScattered() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model("MX25L4005", clock, 0xFF);
        SerialChip chip = new SerialChip(model, 0);
        byte[] data = pattern(256);
        int[] tx = new int[4 + 256];
        tx[0] = 0x02;
        tx[2] = 0x20; // page 0x2000
        for (int i = 0; i < 256; i++) {
            tx[4 + i] = data[i] & 0xFF;
        }
        spi(chip, 0x06);
        spi(chip, tx);
        clock.advance(700_000L); // half the typical 1.4 ms
        chip.powerCut(clock.nanos());
        byte[] page = Arrays.copyOfRange(model.contents(), 0x2000, 0x2100);
        long done = 0;
        long untouched = 0;
        for (int i = 0; i < 256; i++) {
            done += page[i] == data[i] ? 1 : 0;
            untouched += page[i] == (byte) 0xFF ? 1 : 0;
            assertThat((page[i] & data[i]) == data[i]).as("a cut program only clears bits it had to clear, byte " + i).isTrue();
        }
        assertThat(done).as("some bytes finished, not all").isPositive().isLessThan(256);
        assertThat(done + untouched).as("the rest part-way").isLessThan(256);
        assertThat(model.partialPrograms()).isEqualTo(1);
        assertThat(model.contents()[0x2100]).as("the next page").isEqualTo((byte) 0xFF);
    }

    @Test
    void aSerialCutAfterTheBusyWindowLeavesTheFinishedPage() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model("MX25L4005", clock, 0xFF);
        SerialChip chip = new SerialChip(model, 0);
        spi(chip, 0x06);
        spi(chip, 0x02, 0x00, 0x20, 0x00, 0x12, 0x34);
        clock.advance(10_000_000L); // past the maximum
        chip.powerCut(clock.nanos());
        assertThat(model.contents()[0x2000]).isEqualTo((byte) 0x12);
        assertThat(model.contents()[0x2001]).isEqualTo((byte) 0x34);
        assertThat(model.partialPrograms()).isZero();
        assertThat(model.busyCuts()).isZero();
    }

    /** The W29C040's page write: the JEDEC A0 unlock, 256 loads, then the load window closes at the first read. */
    private static JedecChip pageWrite(FlashChipModel model, VirtualClock clock, byte[] data) {
        JedecChip chip = new JedecChip(model, JedecChip.Pairs.FULL_ONLY);
        for (int[] c : new int[][] {{0x5555, 0xAA}, {0x2AAA, 0x55}, {0x5555, 0xA0}}) {
            chip.write(c[0], c[1]);
        }
        for (int i = 0; i < data.length; i++) {
            chip.write(0x4000 + i, data[i] & 0xFF);
            clock.advance(1_000L);
        }
        chip.read(0x4000); // the load window closes: the page write starts
        assertThat(chip.busy()).isTrue();
        return chip;
    }

    @Test
    void aCutEarlyInAnAutopageWriteLeavesThePagePartlyErasedWithNothingOfTheNewData() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model("W29C040", clock, 0x00);
        byte[] data = pattern(256);
        JedecChip chip = pageWrite(model, clock, data);
        clock.advance(1_000_000L); // a fifth of the typical 5 ms: still erasing the page
        chip.powerCut(clock.nanos());
        byte[] page = Arrays.copyOfRange(model.contents(), 0x4000, 0x4100);
        assertThat(countOf(page, 0xFF)).as("partly erased").isPositive().isLessThan(256);
        long likeData = 0;
        for (int i = 0; i < 256; i++) {
            likeData += page[i] == data[i] ? 1 : 0;
        }
        assertThat(likeData).as("bytes equal to the new data: chance level only, the burn had not begun").isLessThan(16);
        assertThat(model.partialPrograms()).isEqualTo(1);
        assertThat(model.contents()[0x3FFF]).isEqualTo((byte) 0x00);
        assertThat(model.contents()[0x4100]).isEqualTo((byte) 0x00);
    }

    @Test
    void aCutLateInAnAutopageWriteLeavesThePageErasedAndPartlyProgrammed() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model("W29C040", clock, 0x00);
        byte[] data = pattern(256);
        JedecChip chip = pageWrite(model, clock, data);
        clock.advance(3_750_000L); // three quarters of the typical 5 ms: half-way through the burn
        chip.powerCut(clock.nanos());
        byte[] page = Arrays.copyOfRange(model.contents(), 0x4000, 0x4100);
        long done = 0;
        for (int i = 0; i < 256; i++) {
            done += page[i] == data[i] ? 1 : 0;
            assertThat((page[i] & data[i]) == data[i]).as("erased first, then only burnt towards the data, byte " + i)
                    .isTrue();
        }
        assertThat(done).isPositive().isLessThan(256);
        assertThat(model.partialPrograms()).isEqualTo(1);
    }

    @Test
    void anAutopageCutAfterTheBusyWindowLeavesTheWrittenPage() {
        VirtualClock clock = new VirtualClock();
        FlashChipModel model = model("W29C040", clock, 0x00);
        byte[] data = pattern(256);
        JedecChip chip = pageWrite(model, clock, data);
        clock.advance(20_000_000L);
        chip.powerCut(clock.nanos());
        assertThat(Arrays.copyOfRange(model.contents(), 0x4000, 0x4100)).isEqualTo(data);
        assertThat(model.busyCuts()).isZero();
    }

    private static long countOf(byte[] data, int value) {
        long n = 0;
        for (byte b : data) {
            n += (b & 0xFF) == value ? 1 : 0;
        }
        return n;
    }
}
