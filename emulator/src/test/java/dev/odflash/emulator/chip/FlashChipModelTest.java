package dev.odflash.emulator.chip;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.ChipStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static dev.odflash.emulator.chip.TestChips.SIZE;
import static dev.odflash.emulator.chip.TestChips.chip;
import static dev.odflash.emulator.chip.TestChips.erased;
import static dev.odflash.emulator.chip.TestChips.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlashChipModelTest {
    private static final byte[] PAGE = new byte[256];

    static {
        Arrays.fill(PAGE, (byte) 0x5A);
    }

    @Test
    void contentsMustMatchTheChipSize() {
        assertThatThrownBy(() -> new FlashChipModel(chip(new WriteModel.Byte()), new byte[100], new VirtualClock(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bitPartOnlyEverClearsBits() {
        Random random = new Random(7);
        byte[] start = new byte[SIZE];
        random.nextBytes(start);
        FlashChipModel chip = model(new WriteModel.Bit(), start);
        for (int i = 0; i < 2000; i++) {
            byte[] before = chip.contents();
            int len = 1 + random.nextInt(256);
            long address = (long) random.nextInt(SIZE / 256) * 256 + random.nextInt(257 - len);
            byte[] data = new byte[len];
            random.nextBytes(data);
            assertThat(chip.program(address, data, 0, len)).isEqualTo(ChipStatus.READY);
            byte[] after = chip.contents();
            byte[] expected = before.clone();
            for (int j = 0; j < len; j++) {
                expected[(int) address + j] &= data[j];
            }
            assertThat(after).as("cells = old AND new, nothing else touched").isEqualTo(expected);
        }
        assertThat(chip.violations()).isZero();
    }

    @Test
    void eraseGivesFfAndTimeAccumulatesPerSpec() {
        Random random = new Random(11);
        byte[] start = new byte[SIZE];
        random.nextBytes(start);
        FlashChipModel chip = model(new WriteModel.Byte(), start);
        ChipSpec spec = chip.spec();
        long expected = 0;
        assertThat(chip.erase(4096, 4096)).isEqualTo(ChipStatus.READY);
        expected += 25_000_000L;
        assertThat(chip.erase(32768, 32768)).isEqualTo(ChipStatus.READY);
        expected += 500_000_000L;
        byte[] after = chip.contents();
        for (int i = 0; i < SIZE; i++) {
            boolean erased = i >= 4096 && i < 8192 || i >= 32768;
            assertThat(after[i]).isEqualTo(erased ? (byte) 0xFF : start[i]);
        }
        assertThat(chip.program(4096, PAGE, 0, 100).lastOperationFailed()).isFalse();
        expected += 100 * 20_000L;
        chip.read(0, new byte[1000], 0, 1000);
        expected += 1000 * 70L;
        assertThat(chip.clock().nanos()).isEqualTo(expected);
        assertThat(ChipTimings.eraseNanos(spec, spec.erasers().getFirst())).isEqualTo(25_000_000L);
        assertThat(ChipTimings.programNanos(spec, 100)).isEqualTo(2_000_000L);
        assertThat(chip.erases()).isEqualTo(2);
        assertThat(chip.programs()).isEqualTo(1);
        assertThat(chip.bytesProgrammed()).isEqualTo(100);
    }

    @Test
    void seededRandomOperationsKeepTimeExactOnEveryModel() {
        for (WriteModel wm : new WriteModel[]{new WriteModel.Bit(), new WriteModel.Byte(), new WriteModel.Page(256),
                new WriteModel.AutoPage(128)}) {
            Random random = new Random(wm.word().hashCode());
            FlashChipModel chip = model(wm, erased());
            ChipSpec spec = chip.spec();
            long expected = 0;
            for (int i = 0; i < 500; i++) {
                if (random.nextInt(5) == 0) {
                    var eraser = spec.erasers().get(random.nextInt(spec.erasers().size()));
                    var blocks = eraser.blocks();
                    var block = blocks.get(random.nextInt(blocks.size()));
                    assertThat(chip.erase(block.offset(), block.size())).isEqualTo(ChipStatus.READY);
                    expected += ChipTimings.eraseNanos(spec, eraser);
                } else {
                    int max = spec.maxProgramLength();
                    int len = 1 + random.nextInt(max);
                    long address = (long) random.nextInt(SIZE / max) * max + random.nextInt(max - len + 1);
                    byte[] data = new byte[len];
                    random.nextBytes(data);
                    assertThat(chip.program(address, data, 0, len).lastOperationFailed()).isFalse();
                    expected += ChipTimings.programNanos(spec, data, 0, len);
                }
            }
            assertThat(chip.clock().nanos()).as(wm.word()).isEqualTo(expected);
        }
    }

    @Test
    void bytePartCountsProgrammingWithoutErase() {
        FlashChipModel chip = model(new WriteModel.Byte(), erased());
        byte[] data = {0x12, 0x34, (byte) 0xFF, 0x56};
        chip.program(0x100, data, 0, 4);
        assertThat(chip.violations()).isZero();
        assertThat(Arrays.copyOfRange(chip.contents(), 0x100, 0x104)).containsExactly(data);

        // 0xFF bytes are not programmed: filling in the gap is fine.
        chip.program(0x102, new byte[]{0x77}, 0, 1);
        assertThat(chip.violations()).isZero();

        chip.program(0x100, new byte[]{0x10}, 0, 1);
        assertThat(chip.violations()).isEqualTo(1);

        // The right way: erase, then program.
        chip.erase(0, 4096);
        chip.program(0x100, new byte[]{0x10}, 0, 1);
        assertThat(chip.violations()).isEqualTo(1);
        assertThat(chip.contents()[0x100]).isEqualTo((byte) 0x10);
    }

    @Test
    void pagePartRefusesPartialAndUnerasedPages() {
        FlashChipModel chip = model(new WriteModel.Page(256), erased());
        chip.program(0, PAGE, 0, 256);
        assertThat(chip.violations()).isZero();
        assertThat(Arrays.copyOf(chip.contents(), 256)).containsExactly(PAGE);

        chip.program(512, PAGE, 0, 100);
        assertThat(chip.violations()).isEqualTo(1);
        byte[] after = chip.contents();
        assertThat(Arrays.copyOfRange(after, 512, 612)).containsExactly(Arrays.copyOf(PAGE, 100));
        assertThat(countFf(after, 612, 768)).as("rest of the page undefined").isLessThan(20);

        chip.program(0, PAGE, 0, 256);
        assertThat(chip.violations()).isEqualTo(2);
    }

    @Test
    void autopagePartRewritesWholePagesWithoutErase() {
        FlashChipModel chip = model(new WriteModel.AutoPage(128), erased());
        byte[] first = new byte[128];
        Arrays.fill(first, (byte) 0x0F);
        byte[] second = new byte[128];
        Arrays.fill(second, (byte) 0xF0);
        chip.program(128, first, 0, 128);
        chip.program(128, second, 0, 128);
        assertThat(chip.violations()).isZero();
        assertThat(Arrays.copyOfRange(chip.contents(), 128, 256)).containsExactly(second);
        assertThat(chip.clock().nanos()).isEqualTo(2 * 20_000L);

        chip.program(256 + 10, first, 0, 50);
        assertThat(chip.violations()).isEqualTo(1);
    }

    @Test
    void misalignedOrUnknownCommandsAreRejectedAndChangeNothing() {
        Random random = new Random(3);
        byte[] start = new byte[SIZE];
        random.nextBytes(start);
        FlashChipModel chip = model(new WriteModel.Byte(), start);
        assertThat(chip.erase(100, 4096).lastOperationFailed()).isTrue();
        assertThat(chip.erase(4096, 8192).lastOperationFailed()).isTrue();
        assertThat(chip.erase(4096, 32768).lastOperationFailed()).isTrue();
        assertThat(chip.status().lastOperationFailed()).isTrue();
        assertThat(chip.program(250, PAGE, 0, 10).lastOperationFailed()).isTrue();  // crosses 256
        assertThat(chip.program(0, new byte[300], 0, 300).lastOperationFailed()).isTrue();
        assertThat(chip.program(SIZE - 1, PAGE, 0, 2).lastOperationFailed()).isTrue();
        assertThat(chip.rejectedCommands()).isEqualTo(6);
        assertThat(chip.contents()).containsExactly(start);
        assertThat(chip.clock().nanos()).isZero();
        assertThat(chip.erases()).isZero();
        assertThat(chip.programs()).isZero();
    }

    @Test
    void protectedRegionIsRefused() {
        Random random = new Random(5);
        byte[] start = new byte[SIZE];
        random.nextBytes(start);
        FlashChipModel chip = model(new WriteModel.Bit(), start);
        chip.protect(0, 16384);
        ChipStatus erase = chip.erase(4096, 4096);
        assertThat(erase.writeProtected()).isTrue();
        assertThat(chip.erase(0, SIZE).writeProtected()).isTrue();
        assertThat(chip.program(16383, new byte[]{0}, 0, 1).writeProtected()).isTrue();
        assertThat(chip.contents()).containsExactly(start);
        assertThat(chip.protectedRefusals()).isEqualTo(3);
        assertThat(chip.erase(16384, 4096)).isEqualTo(ChipStatus.READY);
        assertThat(chip.status().writeProtected()).isFalse();
    }

    @Test
    void undefinedValuesRepeatForTheSameSeed() {
        byte[][] results = new byte[3][];
        for (int run = 0; run < 3; run++) {
            long seed = run < 2 ? 99 : 100;
            FlashChipModel chip = new FlashChipModel(chip(new WriteModel.Page(256)), erased(), new VirtualClock(), seed);
            chip.program(0, PAGE, 0, 10);
            chip.program(1024, PAGE, 0, 256);
            chip.program(1024, PAGE, 0, 256);
            results[run] = chip.contents();
        }
        assertThat(results[0]).containsExactly(results[1]);
        assertThat(results[2]).isNotEqualTo(results[0]);
    }

    @Test
    void builtInSst39sf040FollowsItsRow() {
        ChipSpec sst = ChipTable.builtIn().byName("SST39SF040").orElseThrow();
        byte[] contents = new byte[(int) sst.size()];
        Arrays.fill(contents, (byte) 0xFF);
        FlashChipModel chip = new FlashChipModel(sst, contents, new VirtualClock(), 1);
        assertThat(chip.erase(0x10000, 4096)).isEqualTo(ChipStatus.READY);
        assertThat(chip.program(0x10000, PAGE, 0, 256)).isEqualTo(ChipStatus.READY);
        assertThat(chip.erase(0, (int) sst.size())).isEqualTo(ChipStatus.READY);
        // sector 18 ms + 256 bytes × 14 µs + chip 70 ms (SST DS20005022 typical values)
        assertThat(chip.clock().nanos()).isEqualTo(18_000_000L + 256 * 14_000L + 70_000_000L);
        assertThat(chip.id()).isEqualTo(sst.id());
    }

    @Test
    void virtualClockSleepAdvances() {
        VirtualClock clock = new VirtualClock();
        clock.sleep(java.time.Duration.ofSeconds(300));
        clock.advance(5);
        assertThat(clock.nanos()).isEqualTo(300_000_000_005L);
        assertThat(clock.elapsed()).isEqualTo(java.time.Duration.ofNanos(300_000_000_005L));
        assertThat(clock.simulated()).isTrue();
    }

    private static int countFf(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == (byte) 0xFF) {
                n++;
            }
        }
        return n;
    }
}
