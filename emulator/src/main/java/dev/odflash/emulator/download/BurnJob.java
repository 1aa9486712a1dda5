package dev.odflash.emulator.download;

import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.transport.ChipStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The drive's own burn of a received image into its flash chip: for each 4 KiB sector of the range
 * whose contents differ, one sector erase and one program call per page that is not blank (the
 * part's own commands, so timing, write model and chip faults are the chip model's). Sectors that
 * already hold the new bytes are left alone: modelled ([I]: no source says how the drives' burners
 * walk the flash; skipping unchanged sectors is why an identical boot region survives a power cut).
 * Bytes below {@code floor} are never touched (MT1939/MT1959 ignore writes to 0-0xFFFF, §2.1 CM).
 *
 * <p>The chip runs on its own clock inside the drive; the job measures the chip time it used so the
 * drive can place the burn on its clock (inside a stalled command, or in the background while TEST
 * UNIT READY says "long write in progress").
 */
final class BurnJob {
    static final int SECTOR = 0x1000;

    private sealed interface Step permits Erase, Program {
    }

    private record Erase(int address) implements Step {
    }

    private record Program(int address, int length) implements Step {
    }

    private final FlashChipModel chip;
    private final VirtualClock chipClock;
    private final byte[] target;
    private final List<Step> steps = new ArrayList<>();
    private int next;
    private long elapsed;
    private int failures;

    BurnJob(FlashChipModel chip, VirtualClock chipClock, byte[] image, int from, int to, int floor) {
        this.chip = chip;
        this.chipClock = chipClock;
        this.target = image.clone();
        byte[] now = chip.contents();
        int page = chip.spec().maxProgramLength();
        for (int s = Math.max(from, floor) & ~(SECTOR - 1); s < to; s += SECTOR) {
            if (Arrays.equals(now, s, s + SECTOR, target, s, s + SECTOR)) {
                continue;
            }
            steps.add(new Erase(s));
            for (int p = s; p < s + SECTOR; p += page) {
                if (!blank(target, p, page)) {
                    steps.add(new Program(p, page));
                }
            }
        }
    }

    private static boolean blank(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** Runs every step that starts before {@code budgetNanos} of chip time; true when all are done. */
    boolean runFor(long budgetNanos) {
        while (next < steps.size() && elapsed < budgetNanos) {
            step();
        }
        return done();
    }

    void runAll() {
        runFor(Long.MAX_VALUE);
    }

    /** One chip command; a PowerLossException from the chip's faults leaves the cells as the chip cut them. */
    private void step() {
        long before = chipClock.nanos();
        Step s = steps.get(next++);
        try {
            ChipStatus status = switch (s) {
                case Erase e -> chip.erase(e.address(), SECTOR);
                case Program p -> chip.program(p.address(), target, p.address(), p.length());
            };
            if (status.lastOperationFailed()) {
                failures++;
            }
        } finally {
            elapsed += chipClock.nanos() - before;
        }
    }

    boolean done() {
        return next >= steps.size();
    }

    /** Chip time used so far. */
    long elapsedNanos() {
        return elapsed;
    }

    /** Chip commands the part refused (should stay 0: the drive's burner uses the part's own layout). */
    int failures() {
        return failures;
    }
}
