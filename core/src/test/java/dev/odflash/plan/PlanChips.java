package dev.odflash.plan;

import dev.odflash.chip.Bus;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.EraseRegion;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.Timing;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.JedecId;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Chip rows for the planner tests: made up per write model, plus built-in rows by name. */
final class PlanChips {
    static final int SIZE = 128 * 1024;

    private PlanChips() {
    }

    static ChipSpec builtIn(String name) {
        return ChipTable.builtIn().byName(name).orElseThrow();
    }

    static Eraser eraser(String name, int size, int count, double micros) {
        return new Eraser(name, List.of(new EraseRegion(size, count)), new Timing(micros, micros * 2));
    }

    static ChipSpec spec(String name, WriteModel model, double programUs, List<Eraser> erasers) {
        return new ChipSpec(name, List.of(), "Test", Bus.PARALLEL, new JedecId(0xAA, 0x55), SIZE, "5 V", model,
                new Timing(programUs, programUs * 2), erasers, 70, Optional.empty(), true, "untested", "made up for the test");
    }

    /** A part whose datasheet would allow re-programming (1 -> 0 at any time): 4 KiB / 64 KiB / chip. */
    static ChipSpec bitPart() {
        return spec("TEST-BIT", new WriteModel.Bit(), 10, List.of(eraser("sector", 4096, 32, 25_000),
                eraser("block", 65536, 2, 1_000_000), eraser("chip", SIZE, 1, 100_000)));
    }

    /** A byte part whose 64 KiB block erase is barely slower than one sector: many changed sectors favour it. */
    static ChipSpec cheapBlockBytePart() {
        return spec("TEST-BYTE-CHEAP64", new WriteModel.Byte(), 14, List.of(eraser("sector", 4096, 32, 25_000),
                eraser("block", 65536, 2, 40_000), eraser("chip", SIZE, 1, 2_000_000)));
    }

    static ChipSpec pagePart() {
        return spec("TEST-PAGE", new WriteModel.Page(256), 1_400, List.of(eraser("sector", 4096, 32, 60_000),
                eraser("block", 65536, 2, 1_000_000), eraser("chip", SIZE, 1, 250_000)));
    }

    static ChipSpec autoPagePart() {
        return spec("TEST-AUTOPAGE", new WriteModel.AutoPage(128), 5_000, List.of(eraser("chip", SIZE, 1, 50_000)));
    }

    /** Bottom boot layout: 16 KiB boot, 2 x 8 KiB parameter, 32 KiB, then 64 KiB main blocks; plus chip erase. */
    static ChipSpec bootSectorPart() {
        Eraser sectors = new Eraser("sector", List.of(new EraseRegion(16384, 1), new EraseRegion(8192, 2),
                new EraseRegion(32768, 1), new EraseRegion(65536, 1)), new Timing(300_000, 600_000));
        return spec("TEST-BOOT", new WriteModel.Byte(), 20, List.of(sectors, eraser("chip", SIZE, 1, 200_000)));
    }

    static List<ChipSpec> all() {
        return List.of(bitPart(), cheapBlockBytePart(), pagePart(), autoPagePart(), bootSectorPart(),
                builtIn("SST39SF040"), builtIn("W29C040"), builtIn("MX25L4005"));
    }

    static byte[] erased(long size) {
        byte[] b = new byte[(int) size];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }
}
