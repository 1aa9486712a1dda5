package dev.odflash.cli;

import dev.odflash.ops.Cancellation;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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

    /** @param output the run's output (its --json choice is known only once the command line is parsed) */
    Interrupts(Supplier<Output> output) {
        this.output = output;
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

    void deactivate() {
        ACTIVE.compareAndSet(this, null);
    }

    /** A signal on the JVM's signal thread: outside a write the process ends here, with exit 130. */
    void signal(String name) {
        if (deliver(name)) {
            output.get().error(ExitCode.INTERRUPTED, "interrupted (" + name + "): no write was in progress,"
                    + " nothing was published");
            System.out.flush();
            System.err.flush();
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
            case STILL_WAITING -> {
                output.get().warn("still waiting for " + cancellation.waitingFor() + " to finish: stopping in between"
                        + " could leave a half-written drive; odflash stops as soon as it is safe"
                        + " (do not power off or unplug the drive)");
                yield false;
            }
        };
    }
}
