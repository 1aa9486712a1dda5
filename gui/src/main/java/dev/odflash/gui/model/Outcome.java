package dev.odflash.gui.model;

import dev.odflash.ops.Failure;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How an operation shown on a screen ended, for its result or error panel. Every unsuccessful end carries
 * the operation's name, so "Save report…" sits beside it and saves that operation's log.
 */
public sealed interface Outcome {
    String operation();

    record Succeeded(String operation, String heading, String detail) implements Outcome {
    }

    /** A typed failure from the engine. */
    record Failed(String operation, Failure failure, Optional<Path> log) implements Outcome {
        public String heading() {
            return FailureWords.heading(failure);
        }

        public String detail() {
            return FailureWords.detail(failure);
        }
    }

    /** The worker died without a typed outcome: the drive's state is not known. */
    record WorkerDied(String operation, String what, Optional<Path> log) implements Outcome {
        public String heading() {
            return "The operation stopped unexpectedly: the drive's state is uncertain";
        }

        public String detail() {
            return "Keep the backup. Do not power off the drive; check it on its details screen before anything else ("
                    + Texts.line(what) + ").";
        }
    }

    /** Whether "Save report…" belongs beside it. */
    default boolean reportOffered() {
        return !(this instanceof Succeeded);
    }

    static Outcome of(String operation, Jobs.End end) {
        return switch (end) {
            case Jobs.End.Failed f -> new Failed(operation, f.failure(), f.log());
            case Jobs.End.Died d -> new WorkerDied(operation, d.what(), d.log());
        };
    }
}
