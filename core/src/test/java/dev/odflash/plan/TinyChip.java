package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;

import java.util.Arrays;

/**
 * A minimal in-test chip that applies a plan by the write-model rules of docs/architecture.md "Write models" and counts what
 * they forbid, independent of the emulator module. Also prices each call the way the emulated
 * link does, and checks the call shapes the chip channel accepts.
 */
final class TinyChip {
    final byte[] cells;
    long violations;
    long nanos;
    private final ChipSpec chip;
    private final BusModel bus;

    TinyChip(ChipSpec chip, BusModel bus, byte[] contents) {
        this.chip = chip;
        this.bus = bus;
        this.cells = contents.clone();
    }

    void run(FlashPlan plan) {
        long last = -1;
        for (PlanStep step : plan.steps()) {
            if (step.offset() < last) {
                throw new AssertionError("steps overlap or are out of order at " + step.offset());
            }
            last = step.end();
            for (EraseOp e : step.erases()) {
                if (e.offset() < step.offset() || e.end() > step.end()) {
                    throw new AssertionError("erase outside its step: " + e);
                }
                Arrays.fill(cells, (int) e.offset(), (int) e.end(), (byte) 0xFF);
                nanos += bus.commandNanos(0) + ChipTimings.eraseNanos(chip,
                        chip.erasers().stream().filter(x -> x.name().equals(e.eraser())).findFirst().orElseThrow());
            }
            for (ProgramOp p : step.programs()) {
                program(step, p);
            }
        }
    }

    private void program(PlanStep step, ProgramOp p) {
        int max = chip.maxProgramLength();
        int len = p.length();
        if (len == 0 || len > max || p.offset() / max != (p.offset() + len - 1) / max
                || p.offset() < step.offset() || p.end() > step.end()) {
            throw new AssertionError("bad program call at " + p.offset() + " length " + len);
        }
        int at = (int) p.offset();
        switch (chip.writeModel()) {
            case WriteModel.Bit b -> {
                for (int i = 0; i < len; i++) {
                    cells[at + i] &= p.data()[i];
                }
            }
            case WriteModel.Byte b -> {
                for (int i = 0; i < len; i++) {
                    if (p.data()[i] != (byte) 0xFF) {
                        violations += cells[at + i] != (byte) 0xFF ? 1 : 0;
                        cells[at + i] = p.data()[i];
                    }
                }
            }
            case WriteModel.Page pg -> {
                violations += at % pg.size() != 0 || len != pg.size() ? 1 : 0;
                for (int i = 0; i < len; i++) {
                    violations += cells[at + i] != (byte) 0xFF ? 1 : 0;
                }
                System.arraycopy(p.data(), 0, cells, at, len);
            }
            case WriteModel.AutoPage ap -> {
                violations += at % ap.size() != 0 || len != ap.size() ? 1 : 0;
                System.arraycopy(p.data(), 0, cells, at, len);
            }
        }
        nanos += bus.commandNanos(len) + ChipTimings.programNanos(chip, p.data(), 0, len);
    }
}
