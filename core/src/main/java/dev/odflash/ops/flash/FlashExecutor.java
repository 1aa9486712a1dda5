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


/**
 * Runs a plan on a chip channel (in vendor mode): per step its erases, then its programs, each checked
 * by the status the channel reports, then the channel's status at the step's end (where a channel that
 * collects a step, FlashromChipChannel, writes it). No step is read back here: the whole-chip read that follows every
 * round ({@link ChipWrite}) is the verify and, when a step did not take (a chip that lied, a failed
 * program), what the re-plan starts from. A per-step read-back before it read every written byte twice
 * and found nothing that read does not (build-notes, vendor-mode figures).
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
     * Executes the plan. A requested stop is honoured between steps only: an erase or a program once
     * sent is never abandoned (docs/architecture.md "Interruption").
     */
    void execute(FlashPlan plan, int round) throws TransportException, ChipFailure, Cancellation.Stopped {
        long total = Math.max(1, plan.steps().stream().mapToLong(PlanStep::length).sum());
        long done = 0;
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
            if (!step.erases().isEmpty() || !step.programs().isEmpty()) {
                // the step's end: a channel that collects a step's operations (a clip's region write) sends them now
                check(channel.status(), "the step at 0x" + Long.toHexString(step.offset()));
            }
            done += step.length();
            progress.bytes(Progress.Phase.WRITE, round, done, total);
        }
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
