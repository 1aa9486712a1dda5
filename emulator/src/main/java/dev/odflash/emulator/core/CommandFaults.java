package dev.odflash.emulator.core;

import dev.odflash.emulator.FaultPlan;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.transport.TransportException;

import java.time.Duration;

/**
 * The power, fault and command-count state machine every emulated personality shares
 * (docs/architecture.md "The shared core"). Each command a drive receives (one SCSI command or one
 * chip-channel call) enters through {@link #begin}, which counts it and applies the drive-level items
 * of the {@link FaultPlan}, with one meaning for every personality:
 * <ul>
 * <li>{@code powerloss@cmd:N}: power is lost during command N. It does not complete: nothing of it
 *     reaches the flash or the drive's state, the host gets no answer (NO_ANSWER after its timeout),
 *     and nothing answers until the next open, which restarts from the flash. Work the drive does on
 *     its own (a background burn started earlier) runs up to the moment command N arrives.</li>
 * <li>{@code reset@cmd:N}: a bus reset just before command N ({@link Drive#busReset}); command N then
 *     runs.</li>
 * <li>{@code timeout@cmd:N}: command N is not answered; the drive goes on. A drive whose boot region
 *     is damaged ({@link Drive#dead}) answers no command.</li>
 * <li>{@code badsense@cmd:N}: SCSI command N is not run and ends in CHECK CONDITION with bytes that are
 *     no sense format ({@link FixedSense#malformed}); the drive goes on.</li>
 * </ul>
 * Chip-level cuts ({@code powerloss@erase:K}, ...) happen inside the chip model; the personality
 * reports them through {@link #powerLost}, which leaves the drive without power exactly as here.
 */
public final class CommandFaults {
    /** What a personality adds to the shared state machine. */
    public interface Drive {
        /** The drive's own work (a background burn) catches up with the clock as a command arrives. */
        default void catchUp() throws TransportException {
        }

        /** Words added to a power-loss message for what the drive was doing (e.g. ", while the drive burnt"). */
        default String doing() {
            return "";
        }

        /** A bus reset ({@code reset@cmd:N}): the personality drops what a reset drops and owes a UNIT ATTENTION. */
        void busReset();

        /** The boot region is damaged: the drive answers nothing. */
        boolean dead();
    }

    private final FaultPlan plan;
    private final VirtualClock clock;
    private final Drive drive;
    private String currentWhat = "";
    private Duration currentTimeout = Duration.ZERO;
    private long commands;
    private long resets;
    private boolean poweredOff;
    private boolean closed;

    public CommandFaults(FaultPlan plan, VirtualClock clock, Drive drive) {
        this.plan = plan;
        this.clock = clock;
        this.drive = drive;
    }

    /**
     * Counts a command and applies the faults before any of it runs; returns normally when the drive
     * is to run it. A drive without power or boot code gives the host's timeout; the clock moves by
     * that timeout so simulated time stays honest.
     */
    public void begin(String what, Duration timeout) throws TransportException {
        if (closed) {
            throw new IllegalStateException("device closed");
        }
        commands++;
        currentWhat = what;
        currentTimeout = timeout;
        if (poweredOff) {
            clock.advance(timeout);
            throw new TransportException(TransportException.Kind.NO_ANSWER,
                    what + ": no answer, the drive lost power (it restarts from its flash on the next open)");
        }
        drive.catchUp();
        if (plan.powerLossAt(commands)) {
            throw powerLost(what, "power lost during command " + commands + drive.doing(), timeout);
        }
        if (plan.resetAt(commands)) {
            resets++;
            drive.busReset();
        }
        if (plan.timeoutAt(commands) || drive.dead()) {
            clock.advance(timeout);
            throw new TransportException(TransportException.Kind.TIMEOUT, what + ": no answer within "
                    + timeout.toSeconds() + " s" + (drive.dead() ? " (the drive does not respond)" : ""));
        }
    }

    /**
     * Power failed (at {@code powerloss@cmd:N}, or inside an erase or program that already left its
     * cells as the chip model cut them, and in the image file): the drive answers nothing more in this
     * run, and the host waits out its timeout. Returns the exception the host's call throws.
     */
    public TransportException powerLost(String what, String why, Duration timeout) {
        poweredOff = true;
        clock.advance(timeout);
        return new TransportException(TransportException.Kind.NO_ANSWER, what + ": the drive stopped answering (" + why + ")");
    }

    /**
     * The image file could not keep what the running command wrote (disk full, file gone): a device error
     * naming the storage, and the drive answers nothing more in this run, since its chip and its file no
     * longer agree. {@code what} empty means the running command.
     */
    public TransportException storageFailed(String what, dev.odflash.emulator.chip.CellSinkFailure e) {
        poweredOff = true;
        return new TransportException(TransportException.Kind.OS_ERROR, e.forHost(what.isEmpty() ? currentWhat : what), 0, e);
    }

    /** {@link #powerLost(String, String, Duration)} inside the command that is running: the host waits out its timeout. */
    public TransportException powerLost(String why) {
        return powerLost(currentWhat, why, currentTimeout);
    }

    /** True when the command {@link #begin} just let run is to end with malformed sense ({@code badsense@cmd:N}). */
    public boolean badSenseNow() {
        return plan.badSenseAt(commands);
    }

    public boolean poweredOff() {
        return poweredOff;
    }

    /** Commands seen since open (SCSI commands and chip-channel calls). */
    public long commands() {
        return commands;
    }

    /** Bus resets injected by {@code reset@cmd:N} so far. */
    public long resets() {
        return resets;
    }

    /** Marks the device closed; returns false when it was closed already. */
    public boolean close() {
        boolean was = closed;
        closed = true;
        return !was;
    }
}
