package dev.odflash.cli;

import dev.odflash.ops.Cancellation;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One run's answer to Ctrl-C, SIGINT and SIGTERM (docs/architecture.md "Interruption"): the request goes
 * to core's {@link Cancellation}, which says what it means now. Outside a write the run ends at once
 * (exit 130, nothing published: backups and journals appear only complete); during a write the first
 * request stops it at its next safe point, and every later one says what odflash is still waiting for.
 */
final class Interrupts {
    /** Thrown on the run's own thread by the test hook when no write is in progress: the run ends at once. */
    static final class RunInterrupted extends RuntimeException {
        RunInterrupted() {
            super("interrupted: no write was in progress, nothing was published", null, false, false);
        }
    }

    private static final AtomicReference<Interrupts> ACTIVE = new AtomicReference<>();

    private final Cancellation cancellation = Cancellation.none();
    private final Supplier<Output> output;
    private final BooleanSupplier json;
    private volatile Runnable cleanup = () -> { };

    /**
     * @param output the run's output (its --json choice is known only once the command line is parsed)
     * @param json   whether the run prints JSON
     */
    Interrupts(Supplier<Output> output, BooleanSupplier json) {
        this.output = output;
        this.json = json;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** The run a process signal is for (the one {@link Cli#run} is executing), if any. */
    static Optional<Interrupts> active() {
        return Optional.ofNullable(ACTIVE.get());
    }

    void activate() {
        ACTIVE.set(this);
    }

    /**
     * Work that must run before a signal ends the process (issue 16: `emu attach` removes its gadget, which would
     * otherwise stay bound to a JVM that no longer serves it).
     */
    void beforeHalt(Runnable cleanup) {
        this.cleanup = cleanup;
    }

    void deactivate() {
        ACTIVE.compareAndSet(this, null);
    }

    /**
     * A signal on the JVM's signal thread: outside a write the process ends here, with exit 130. The line
     * (and the JSON error) goes straight to file descriptors 1 and 2: the run's own streams may be held
     * by its thread, and waiting for them would let the read go on.
     */
    void signal(String name) {
        if (deliver(name)) {
            Terminal direct = new Terminal(new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                    StandardCharsets.UTF_8), new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                    StandardCharsets.UTF_8), InputStream.nullInputStream(), false);
            new Output(direct, json.getAsBoolean()).error(ExitCode.INTERRUPTED, "interrupted (" + name + "): no write"
                    + " was in progress, nothing was published");
            cleanup.run();
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code()); // shutdown hooks would only delay it
        }
    }

    /** The test hook, on the run's own thread: outside a write the run unwinds at once, as a signal would end it. */
    void request() {
        if (deliver("test hook")) {
            throw new RunInterrupted();
        }
    }

    /** Records the request and says what it means; true when the run should end now. */
    private boolean deliver(String name) {
        return switch (cancellation.request()) {
            case STOP_NOW -> true;
            case AT_NEXT_SAFE_POINT -> {
                output.get().warn("interrupt (" + name + "): stopping after " + cancellation.waitingFor()
                        + "; the journal is kept (a second Ctrl-C says what odflash is waiting for)");
                yield false;
            }
            case AFTER_DEFERRED -> {
                output.get().warn("interrupt (" + name + "): odflash finishes " + cancellation.waitingFor()
                        + " first: stopping in between could leave a half-written drive (do not power off or unplug"
                        + " the drive)");
                yield false;
            }
            case STILL_WAITING -> {
                output.get().warn("still waiting for " + cancellation.waitingFor() + " to finish: stopping in between"
                        + " could leave a half-written drive; odflash stops as soon as it is safe"
                        + " (do not power off or unplug the drive)");
                yield false;
            }
        };
    }
}
