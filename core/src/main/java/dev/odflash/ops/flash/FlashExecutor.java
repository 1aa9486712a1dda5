package dev.odflash.ops.flash;

import dev.odflash.ops.Cancellation;
import dev.odflash.protocol.Progress;
import dev.odflash.plan.EraseOp;
import dev.odflash.plan.FlashPlan;
import dev.odflash.plan.PlanStep;
import dev.odflash.plan.ProgramOp;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.TransportException;

import java.util.Arrays;

/**
 * Runs a plan on a chip channel (in vendor mode): per step its erases, then its programs, then a
 * read-back of the step's range compared with the target. The chip's actual content is tracked in
 * {@code chipNow}, so a step that did not take (a chip that lied, a failed program) is re-planned
 * from what the chip really holds instead of being trusted.
 */
final class FlashExecutor {
    /** A chip that reports an erase or program failure (DQ5 time-out, E_ERR/P_ERR). */
    static final class ChipFailure extends Exception {
        ChipFailure(String message) {
            super(message);
        }
    }

    private final ChipChannel channel;
    private final Progress progress;
    private final Cancellation cancellation;

    FlashExecutor(ChipChannel channel, Progress progress, Cancellation cancellation) {
        this.channel = channel;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * Executes the plan; {@code chipNow} is updated with what was read back. Returns the number of
     * steps whose read-back did not match the target (0 = every step verified). A requested stop is
     * honoured between steps only: an erase or a program once sent is never abandoned, and the step's
     * read-back keeps {@code chipNow} true (docs/architecture.md "Interruption").
     */
    int execute(FlashPlan plan, byte[] chipNow, byte[] target, int round)
            throws TransportException, ChipFailure, Cancellation.Stopped {
        long total = Math.max(1, plan.steps().stream().mapToLong(PlanStep::length).sum());
        long done = 0;
        int mismatched = 0;
        progress.bytes(Progress.Phase.WRITE, round, 0, total);
        for (PlanStep step : plan.steps()) {
            cancellation.checkpoint();
            for (EraseOp e : step.erases()) {
                check(channel.erase(e.offset(), e.size()), "erase of " + e.size() + " bytes at 0x" + Long.toHexString(e.offset()));
            }
            for (ProgramOp p : step.programs()) {
                check(channel.program(p.offset(), p.data(), 0, p.data().length),
                        "program of " + p.data().length + " bytes at 0x" + Long.toHexString(p.offset()));
            }
            readInto(step.offset(), step.length(), chipNow);
            if (!Arrays.equals(chipNow, (int) step.offset(), (int) (step.offset() + step.length()),
                    target, (int) step.offset(), (int) (step.offset() + step.length()))) {
                mismatched++;
            }
            done += step.length();
            progress.bytes(Progress.Phase.WRITE, round, done, total);
        }
        return mismatched;
    }

    void readInto(long offset, long length, byte[] into) throws TransportException {
        int chunk = Math.max(256, channel.maxReadLength());
        for (long pos = offset; pos < offset + length; pos += chunk) {
            int n = (int) Math.min(chunk, offset + length - pos);
            channel.read(pos, into, (int) pos, n);
        }
    }

    private static void check(ChipStatus status, String what) throws ChipFailure {
        if (status.writeProtected()) {
            throw new ChipFailure(what + " refused: the chip reports that region write-protected (hardware lock)");
        }
        if (status.lastOperationFailed()) {
            throw new ChipFailure(what + " failed: the chip reported an error");
        }
    }
}
