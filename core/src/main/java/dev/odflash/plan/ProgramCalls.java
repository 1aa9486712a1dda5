package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The program calls that turn one range of the chip into the target, either as it is now
 * ({@code erased == false}) or right after an erase, following the write model (docs/architecture.md "Write models"). Returns
 * {@code null} where the write model forbids programming the range without an erase.
 */
final class ProgramCalls {
    private final ChipSpec chip;
    private final BusModel bus;

    ProgramCalls(ChipSpec chip, BusModel bus) {
        this.chip = chip;
        this.bus = bus;
    }

    /** Device time of one program call, exactly as the emulated link and chip charge it. */
    long nanos(ProgramOp op) {
        return bus.commandNanos(op.length()) + ChipTimings.programNanos(chip, op.data(), 0, op.length());
    }

    List<ProgramOp> forRange(byte[] current, byte[] target, int from, int to, boolean erased) {
        return switch (chip.writeModel()) {
            case WriteModel.Bit b -> bytewise(current, target, from, to, erased, true);
            case WriteModel.Byte b -> bytewise(current, target, from, to, erased, false);
            case WriteModel.Page p -> pages(current, target, from, to, erased, p.size(), false);
            case WriteModel.AutoPage a -> pages(current, target, from, to, erased, a.size(), true);
        };
    }

    /**
     * Bit and byte parts: the bytes to burn are the changed ones (or, after an erase, the non-0xFF
     * target bytes); everything else in a call is sent as 0xFF. Calls stay inside one
     * maxProgramLength window; within a window the runs are grouped so that per-command overhead
     * versus transferring the 0xFF gap is minimal (the burn time does not depend on grouping).
     */
    private List<ProgramOp> bytewise(byte[] current, byte[] target, int from, int to, boolean erased, boolean bitModel) {
        for (int i = from; i < to && !erased; i++) {
            if (current[i] != target[i] && !(bitModel ? (current[i] & target[i]) == target[i] : current[i] == (byte) 0xFF)) {
                return null; // a bit would go 0 -> 1, or a byte is programmed twice: needs an erase
            }
        }
        List<ProgramOp> out = new ArrayList<>();
        int window = chip.maxProgramLength();
        for (int ws = from; ws < to; ws = Math.min(to, (ws / window + 1) * window)) {
            int we = Math.min(to, (ws / window + 1) * window);
            List<int[]> runs = new ArrayList<>();
            for (int i = ws; i < we; i++) {
                if (needed(current, target, i, erased)) {
                    int start = i;
                    while (i + 1 < we && needed(current, target, i + 1, erased)) {
                        i++;
                    }
                    runs.add(new int[]{start, i + 1});
                }
            }
            group(runs, target, out);
        }
        return out;
    }

    private static boolean needed(byte[] current, byte[] target, int i, boolean erased) {
        return erased ? target[i] != (byte) 0xFF : current[i] != target[i];
    }

    /** Exact minimum over contiguous groupings of runs: cost[j] = min over i of cost[i] + command(run i .. run j-1). */
    private void group(List<int[]> runs, byte[] target, List<ProgramOp> out) {
        int m = runs.size();
        if (m == 0) {
            return;
        }
        long[] cost = new long[m + 1];
        int[] from = new int[m + 1];
        for (int j = 1; j <= m; j++) {
            cost[j] = Long.MAX_VALUE;
            for (int i = 0; i < j; i++) {
                long c = cost[i] + bus.commandNanos(runs.get(j - 1)[1] - runs.get(i)[0]);
                if (c < cost[j]) {
                    cost[j] = c;
                    from[j] = i;
                }
            }
        }
        List<ProgramOp> calls = new ArrayList<>();
        for (int j = m; j > 0; j = from[j]) {
            int start = runs.get(from[j])[0];
            int end = runs.get(j - 1)[1];
            byte[] data = new byte[end - start];
            Arrays.fill(data, (byte) 0xFF);
            for (int r = from[j]; r < j; r++) {
                int[] run = runs.get(r);
                System.arraycopy(target, run[0], data, run[0] - start, run[1] - run[0]);
            }
            calls.add(new ProgramOp(start, data));
        }
        out.addAll(calls.reversed());
    }

    /**
     * Page parts: a page is written whole or not at all. page:N needs every changed page still erased
     * (unless the range was just erased, then every page with a non-0xFF target byte is written);
     * autopage:N rewrites every changed page, the chip erasing it first.
     */
    private List<ProgramOp> pages(byte[] current, byte[] target, int from, int to, boolean erased, int page, boolean auto) {
        List<ProgramOp> out = new ArrayList<>();
        for (int p = from; p < to; p += page) {
            boolean write;
            if (erased) {
                write = !allErased(target, p, page);
            } else {
                write = !Arrays.equals(current, p, p + page, target, p, p + page);
                if (write && !auto && !allErased(current, p, page)) {
                    return null;
                }
            }
            if (write) {
                out.add(new ProgramOp(p, Arrays.copyOfRange(target, p, p + page)));
            }
        }
        return out;
    }

    private static boolean allErased(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
