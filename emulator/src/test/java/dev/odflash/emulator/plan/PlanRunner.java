package dev.odflash.emulator.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.plan.EraseOp;
import dev.odflash.plan.FlashPlan;
import dev.odflash.plan.PlanStep;
import dev.odflash.plan.ProgramOp;
import dev.odflash.transport.BusModel;
import dev.odflash.transport.ChipStatus;

import java.util.Arrays;

/**
 * Runs write plans on the emulator's {@link FlashChipModel} the way the vendor channel does (each
 * erase and program call costs {@code bus.commandNanos} on the same virtual clock), and measures the
 * simulated time of the erase and program calls only. Also runs the naive whole-chip rewrite the old
 * tools do (mtkflash, redumper): chip erase, then every program window holding a non-0xFF byte.
 */
public final class PlanRunner {
    /** What one run did: simulated time of the write calls, and the chip's own counters. */
    public record Result(long nanos, byte[] contents, long violations, int erases, long rejected, boolean stepsVerified) {
    }

    private PlanRunner() {
    }

    public static FlashChipModel chip(ChipSpec spec, byte[] contents) {
        return new FlashChipModel(spec, contents, new VirtualClock(), 42);
    }

    public static Result run(FlashPlan plan, byte[] current, byte[] target, BusModel bus) {
        FlashChipModel chip = chip(plan.chip(), current);
        long before = chip.clock().nanos();
        boolean verified = true;
        for (PlanStep step : plan.steps()) {
            for (EraseOp e : step.erases()) {
                erase(chip, bus, e.offset(), e.size());
            }
            for (ProgramOp p : step.programs()) {
                program(chip, bus, p.offset(), p.data());
            }
            // read-back per step as the executor does; contents() costs no simulated time
            int from = (int) step.offset();
            verified &= Arrays.equals(chip.contents(), from, from + step.length(), target, from, from + step.length());
        }
        return result(chip, chip.clock().nanos() - before, verified);
    }

    public static Result naive(ChipSpec spec, byte[] current, byte[] target, BusModel bus) {
        FlashChipModel chip = chip(spec, current);
        long before = chip.clock().nanos();
        if (spec.chipEraser().isPresent()) {
            erase(chip, bus, 0, (int) spec.size());
        } else {
            for (var b : spec.smallestEraser().blocks()) {
                erase(chip, bus, b.offset(), b.size());
            }
        }
        int window = spec.maxProgramLength();
        for (int at = 0; at < target.length; at += window) {
            byte[] data = Arrays.copyOfRange(target, at, at + window);
            if (!allErased(data)) {
                program(chip, bus, at, data);
            }
        }
        return result(chip, chip.clock().nanos() - before, Arrays.equals(chip.contents(), target));
    }

    private static void erase(FlashChipModel chip, BusModel bus, long offset, int size) {
        chip.clock().advance(bus.commandNanos(0));
        check(chip.erase(offset, size), "erase", offset);
    }

    private static void program(FlashChipModel chip, BusModel bus, long offset, byte[] data) {
        chip.clock().advance(bus.commandNanos(data.length));
        check(chip.program(offset, data, 0, data.length), "program", offset);
    }

    private static void check(ChipStatus status, String what, long offset) {
        if (!status.equals(ChipStatus.READY)) {
            throw new IllegalStateException(what + " at 0x" + Long.toHexString(offset) + " refused: " + status);
        }
    }

    private static Result result(FlashChipModel chip, long nanos, boolean verified) {
        return new Result(nanos, chip.contents(), chip.violations(), chip.erases(), chip.rejectedCommands(), verified);
    }

    private static boolean allErased(byte[] data) {
        for (byte b : data) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
