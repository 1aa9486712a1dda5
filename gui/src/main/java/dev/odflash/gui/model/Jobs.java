package dev.odflash.gui.model;

import dev.odflash.ops.Failure;
import dev.odflash.ops.OdflashException;

import java.util.Optional;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Runs one piece of engine work off the event thread and hands its end back on the event thread, in one
 * of three forms: a value, a typed {@link Failure}, or the worker's death (any other throwable: the engine
 * did not end in a typed outcome, so the drive's state is uncertain). Every end keeps the operation's log.
 */
final class Jobs {
    /** Engine work that ends in a value or an {@link OdflashException}. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    /** How a job ended, besides its value. */
    sealed interface End {
        record Failed(Failure failure, Optional<Path> log) implements End {
        }

        record Died(String what, Optional<Path> log) implements End {
        }
    }

    private Jobs() {
    }

    static <T> void run(Threads threads, OperationLog log, String operation, Work<T> work, Consumer<T> done,
                        Consumer<End> ended) {
        log.add(OperationLog.Level.INFO, operation, "started");
        threads.worker().execute(() -> {
            T value;
            try {
                value = work.run();
            } catch (OdflashException e) {
                log.add(OperationLog.Level.ERROR, operation, FailureWords.heading(e.failure()) + ": "
                        + FailureWords.detail(e.failure()));
                Optional<Path> kept = log.keep(operation);
                threads.ui().execute(() -> ended.accept(new End.Failed(e.failure(), kept)));
                return;
            } catch (Throwable t) {
                log.add(OperationLog.Level.ERROR, operation, "the worker stopped unexpectedly: " + t);
                Optional<Path> kept = log.keep(operation);
                threads.ui().execute(() -> ended.accept(new End.Died(String.valueOf(t), kept)));
                return;
            }
            log.add(OperationLog.Level.INFO, operation, "finished");
            log.keep(operation);
            threads.ui().execute(() -> done.accept(value));
        });
    }
}
