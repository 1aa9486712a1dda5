package dev.odflash.emulator.chip;

import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.EraseRegion;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.Timing;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.JedecId;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small chip rows built directly, one per write model, so the tests do not depend on chips.json. */
final class TestChips {
    static final int SIZE = 64 * 1024;

    private TestChips() {
    }

    /** 64 KiB, 4 KiB sectors + 32 KiB blocks + chip erase; program 20 µs per unit. */
    static ChipSpec chip(WriteModel model) {
        return new ChipSpec("TEST-" + model.word(), List.of(), "Test", Bus.PARALLEL, new JedecId(0xAA, 0x55), SIZE,
                "5 V", model, new Timing(20, 30),
                List.of(new Eraser("sector", List.of(new EraseRegion(4096, 16)), new Timing(25_000, 30_000)),
                        new Eraser("block", List.of(new EraseRegion(32768, 2)), new Timing(500_000, 1_000_000)),
                        new Eraser("chip", List.of(new EraseRegion(SIZE, 1)), new Timing(50_000, 100_000))),
                70, Optional.empty(), true, "emulated", "test row");
    }

    static byte[] erased() {
        byte[] b = new byte[SIZE];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    static FlashChipModel model(WriteModel model, byte[] contents) {
        return new FlashChipModel(chip(model), contents, new VirtualClock(), 42);
    }
}
