package dev.odflash.emulator.chip;

import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.ChipStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.odflash.emulator.chip.TestChips.SIZE;
import static dev.odflash.emulator.chip.TestChips.chip;
import static dev.odflash.emulator.chip.TestChips.erased;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults inside the chip model: interrupted erase and program, lying program, read flips. */
class ChipFaultsTest {
    private static final byte[] OLD = new byte[SIZE];

    static {
        new Random(3).nextBytes(OLD);
    }

    private static FlashChipModel model(WriteModel wm, byte[] contents, long seed, ChipFaults faults) {
        return new FlashChipModel(chip(wm), contents, new VirtualClock(), seed, faults);
    }

    private static ChipFaults eraseLoss(long... k) {
        return new ChipFaults(Arrays.stream(k).boxed().toList(), List.of(), List.of(), 0);
    }

    private static ChipFaults programLoss(long... k) {
        return new ChipFaults(List.of(), Arrays.stream(k).boxed().toList(), List.of(), 0);
    }

    @Test
    void interruptedEraseLeavesTheBlockMixedAndOnlyThatBlock() {
        FlashChipModel chip = model(new WriteModel.Byte(), OLD, 5, eraseLoss(2));
        assertThat(chip.erase(0, 4096)).isEqualTo(ChipStatus.READY); // erase 1 completes
        long before = chip.clock().nanos();
        assertThatThrownBy(() -> chip.erase(0x2000, 4096)).isInstanceOf(PowerLossException.class)
                .hasMessageContaining("erase 2").hasMessageContaining("partly erased");
        byte[] after = chip.contents();
        int ff = 0;
        int old = 0;
        int between = 0;
        for (int i = 0x2000; i < 0x3000; i++) {
            if (after[i] == OLD[i]) {
                old++;
            } else if (after[i] == (byte) 0xFF) {
                ff++;
            } else {
                between++;
                assertThat(after[i] & OLD[i] & 0xFF).as("erase only raises bits").isEqualTo(OLD[i] & 0xFF);
            }
        }
        assertThat(ff).isPositive();
        assertThat(old).isPositive();
        assertThat(between).isPositive();
        assertThat(Arrays.equals(after, 0x1000, 0x2000, OLD, 0x1000, 0x2000)).isTrue();
        assertThat(Arrays.equals(after, 0x3000, SIZE, OLD, 0x3000, SIZE)).isTrue();
        long took = chip.clock().nanos() - before;
        assertThat(took).isPositive().isLessThan(25_000_000L); // a part of the 25 ms sector erase
        assertThat(chip.partialErases()).isEqualTo(1);
        assertThat(chip.eraseCalls()).isEqualTo(2);
        assertThat(chip.erases()).isEqualTo(1);
    }

    @Test
    void sameSeedSameCutDifferentSeedAnotherCut() {
        byte[] a = interruptedErase(9);
        assertThat(interruptedErase(9)).isEqualTo(a);
        assertThat(interruptedErase(10)).isNotEqualTo(a);
        byte[] p = interruptedProgram(9);
        assertThat(interruptedProgram(9)).isEqualTo(p);
    }

    @Test
    void theCutDoesNotDependOnReadsBeforeIt() {
        FlashChipModel chip = model(new WriteModel.Byte(), OLD, 9,
                new ChipFaults(List.of(1L), List.of(), List.of(), 0.01));
        chip.read(0, new byte[5000], 0, 5000);
        assertThatThrownBy(() -> chip.erase(0x4000, 4096)).isInstanceOf(PowerLossException.class);
        assertThat(chip.contents()).isEqualTo(interruptedErase(9));
    }

    private static byte[] interruptedErase(long seed) {
        FlashChipModel chip = model(new WriteModel.Byte(), OLD, seed, eraseLoss(1));
        assertThatThrownBy(() -> chip.erase(0x4000, 4096)).isInstanceOf(PowerLossException.class);
        return chip.contents();
    }

    private static byte[] interruptedProgram(long seed) {
        FlashChipModel chip = model(new WriteModel.Byte(), erased(), seed, programLoss(1));
        byte[] data = new byte[256];
        Arrays.fill(data, (byte) 0x00);
        assertThatThrownBy(() -> chip.program(0x100, data, 0, 256)).isInstanceOf(PowerLossException.class);
        return chip.contents();
    }

    @Test
    void interruptedProgramLeavesPrefixOnePartialByteAndUntouchedRest() {
        for (long seed = 0; seed < 20; seed++) {
            byte[] data = new byte[256];
            new Random(seed).nextBytes(data);
            for (int i = 0; i < data.length; i++) {
                data[i] &= 0x7F; // no 0xFF byte, and every byte has a bit to clear on erased cells
            }
            FlashChipModel chip = model(new WriteModel.Byte(), erased(), seed, programLoss(1));
            assertThatThrownBy(() -> chip.program(0x300, data, 0, 256)).isInstanceOf(PowerLossException.class);
            byte[] after = chip.contents();
            int cut = 0;
            while (cut < 256 && after[0x300 + cut] == data[cut]) {
                cut++;
            }
            assertThat(cut).as("seed %d: the call stopped short", seed).isLessThan(256);
            byte partial = after[0x300 + cut];
            assertThat(partial & data[cut] & 0xFF).as("only bits the value clears").isEqualTo(data[cut] & 0xFF);
            for (int i = cut + 1; i < 256; i++) {
                assertThat(after[0x300 + i]).as("seed %d byte %d untouched", seed, i).isEqualTo((byte) 0xFF);
            }
            assertThat(chip.programs()).isZero();
            assertThat(chip.programCalls()).isEqualTo(1);
        }
    }

    @Test
    void partialCounterCountsOnlyWhatChanged() {
        FlashChipModel chip = model(new WriteModel.Byte(), erased(), 1, programLoss(1, 2));
        byte[] ff = new byte[16];
        Arrays.fill(ff, (byte) 0xFF);
        assertThatThrownBy(() -> chip.program(0, ff, 0, 16)).isInstanceOf(PowerLossException.class);
        assertThat(chip.partialPrograms()).as("nothing to burn, nothing partial").isZero();
        byte[] zeros = new byte[16];
        assertThatThrownBy(() -> chip.program(0x100, zeros, 0, 16)).isInstanceOf(PowerLossException.class);
        assertThat(chip.partialPrograms()).isEqualTo(1);
        FlashChipModel blank = model(new WriteModel.Byte(), erased(), 1, eraseLoss(1));
        assertThatThrownBy(() -> blank.erase(0, 4096)).isInstanceOf(PowerLossException.class);
        assertThat(blank.partialErases()).as("an erased block stays erased").isZero();
    }

    @Test
    void lyingProgramReportsReadyTakesItsTimeAndWritesNothing() {
        FlashChipModel chip = model(new WriteModel.Byte(), erased(),
                0, new ChipFaults(List.of(), List.of(), List.of(2L), 0));
        byte[] data = new byte[256];
        assertThat(chip.program(0, data, 0, 256)).isEqualTo(ChipStatus.READY);
        long before = chip.clock().nanos();
        assertThat(chip.program(0x100, data, 0, 256)).isEqualTo(ChipStatus.READY);
        assertThat(chip.clock().nanos() - before).isEqualTo(ChipTimings.programNanos(chip.spec(), data, 0, 256));
        byte[] after = chip.contents();
        assertThat(Arrays.copyOfRange(after, 0, 0x100)).isEqualTo(data);
        assertThat(Arrays.copyOfRange(after, 0x100, 0x200)).containsOnly((byte) 0xFF);
        assertThat(chip.lies()).isEqualTo(1);
        assertThat(chip.status()).isEqualTo(ChipStatus.READY);
    }

    @Test
    void flipsAppearInReadDataAtTheRateNeverInTheCells() {
        double p = 1e-3;
        FlashChipModel chip = model(new WriteModel.Byte(), OLD, 4, new ChipFaults(List.of(), List.of(), List.of(), p));
        long differing = 0;
        long bits = 0;
        for (int round = 0; round < 16; round++) {
            byte[] read = new byte[SIZE];
            chip.read(0, read, 0, SIZE);
            for (int i = 0; i < SIZE; i++) {
                differing += Integer.bitCount((read[i] ^ OLD[i]) & 0xFF);
            }
            bits += SIZE * 8L;
        }
        assertThat(chip.contents()).isEqualTo(OLD);
        assertThat(chip.bitsFlipped()).isEqualTo(differing);
        double expected = bits * p; // about 8389, standard deviation about 92
        assertThat((double) differing).isBetween(expected * 0.9, expected * 1.1);
    }

    @Test
    void flipOneInvertsEveryBitFlipZeroNone() {
        FlashChipModel all = model(new WriteModel.Byte(), OLD, 0, new ChipFaults(List.of(), List.of(), List.of(), 1));
        byte[] read = new byte[100];
        all.read(50, read, 0, 100);
        for (int i = 0; i < 100; i++) {
            assertThat(read[i]).isEqualTo((byte) ~OLD[50 + i]);
        }
        FlashChipModel none = model(new WriteModel.Byte(), OLD, 0, ChipFaults.NONE);
        none.read(50, read, 0, 100);
        assertThat(read).isEqualTo(Arrays.copyOfRange(OLD, 50, 150));
        assertThat(none.bitsFlipped()).isZero();
    }

    @Test
    void sameSeedSameFlips() {
        ChipFaults f = new ChipFaults(List.of(), List.of(), List.of(), 1e-4);
        byte[] a = new byte[SIZE];
        byte[] b = new byte[SIZE];
        model(new WriteModel.Byte(), OLD, 77, f).read(0, a, 0, SIZE);
        model(new WriteModel.Byte(), OLD, 77, f).read(0, b, 0, SIZE);
        assertThat(a).isEqualTo(b).isNotEqualTo(OLD);
    }

    @Test
    void rejectedAndLockedCallsAreNotCounted() {
        FlashChipModel chip = model(new WriteModel.Byte(), OLD, 0, eraseLoss(1));
        chip.protect(0, 4096);
        assertThat(chip.erase(0, 4096).writeProtected()).isTrue();
        assertThat(chip.erase(0x1001, 4096).lastOperationFailed()).isTrue();
        assertThat(chip.eraseCalls()).isZero();
        assertThatThrownBy(() -> chip.erase(0x1000, 4096)).isInstanceOf(PowerLossException.class);
    }
}
