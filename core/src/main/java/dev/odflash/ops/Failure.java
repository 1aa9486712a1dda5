package dev.odflash.ops;

import dev.odflash.input.InputFileException;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why an operation did not do what was asked, as facts (docs/architecture.md "Contracts"): core says
 * what is wrong and which {@link Choice} would allow it; a view (the CLI's OutcomeText) owns the words
 * around it, the flag names and the exit code. {@link #reason()} never names a CLI flag.
 */
public sealed interface Failure {
    /** What is wrong, in core's words (no flag names). */
    String reason();

    /** What the user can do next, as the reason mentions it ({@link NextStep#mention()}); a view spells each. */
    default List<NextStep> nextSteps() {
        return NextStep.mentionedIn(reason());
    }

    /**
     * A gate refused and nothing was written. {@code override} is the user's choice that would let the
     * gate pass (empty: nothing overrides it); {@code arguments} are the values that choice needs to be
     * spelled out (for {@link Choice#ADOPT_JOURNAL}: the device spec, then the other journal's key).
     */
    record Refusal(Gate gate, String reason, Optional<Choice> override, List<String> arguments) implements Failure {
        public Refusal {
            arguments = List.copyOf(arguments);
        }

        public Refusal(Gate gate, String reason) {
            this(gate, reason, Optional.empty(), List.of());
        }

        public Refusal(Gate gate, String reason, Choice override) {
            this(gate, reason, Optional.of(override), List.of());
        }
    }

    /**
     * What was read differs from what was expected. For a byte comparison {@code firstOffset} is the first
     * differing offset (counted from {@code base}), {@code count} the differing bytes, {@code ranges} where
     * they differ; a mismatch of another kind (a size, a revision) has {@code firstOffset} -1 and no ranges.
     */
    record Mismatch(String reason, long firstOffset, long count, List<Range> ranges) implements Failure {
        public Mismatch {
            ranges = List.copyOf(ranges);
        }

        public Mismatch(String reason) {
            this(reason, -1, 0, List.of());
        }

        public boolean byteLevel() {
            return firstOffset >= 0;
        }
    }

    /** One differing range: {@code length} bytes from {@code offset}. */
    record Range(long offset, long length) {
    }

    /**
     * The drive or the path to it failed ({@link TransportException}): {@code kind} is empty when the
     * failure was not a transport one (the drive answered, but not as it must), {@code errno} the OS error
     * number where there is one, {@code command} the command or step that failed where it is known.
     */
    record DeviceFailure(String reason, Optional<TransportException.Kind> kind, OptionalInt errno,
                         Optional<String> command) implements Failure {
        public static DeviceFailure of(String reason, Throwable cause, String command) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof TransportException e) {
                    return new DeviceFailure(reason, Optional.of(e.kind()),
                            e.osError() == 0 ? OptionalInt.empty() : OptionalInt.of(e.osError()),
                            Optional.ofNullable(command));
                }
            }
            return new DeviceFailure(reason, Optional.empty(), OptionalInt.empty(), Optional.ofNullable(command));
        }
    }

    /** The request itself cannot be carried out as given: a bad name, an unusable directory, a damaged journal. */
    record UsageProblem(String reason) implements Failure {
    }

    /** An input file that was not read ({@link InputFileException.Reason}). */
    record InputProblem(String reason, InputFileException.Reason problem) implements Failure {
    }

    /**
     * A stop was requested (docs/architecture.md "Interruption") and the operation stopped at a safe point.
     * {@code journalKept}: a write began, its journal is kept and the same command resumes it; otherwise
     * nothing was written.
     */
    record Interrupted(String reason, boolean journalKept) implements Failure {
    }

    /** Something odflash itself got wrong or could not finish tidying (a bug, or a state it cannot clean up). */
    record Bug(String reason) implements Failure {
    }
}
