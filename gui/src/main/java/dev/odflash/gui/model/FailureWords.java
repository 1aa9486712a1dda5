package dev.odflash.gui.model;

import dev.odflash.ops.Failure;
import dev.odflash.transport.TransportException;

/** The GUI's one-line heading and explanation for an engine {@link Failure}. */
public final class FailureWords {
    private FailureWords() {
    }

    public static String heading(Failure f) {
        return switch (f) {
            case Failure.Refusal r -> r.gate().flashGate() ? "Refused by the " + r.gate().word() + " gate: nothing was written"
                    : "Refused (" + r.gate().word() + ")";
            case Failure.Mismatch m -> "What was read is not what was expected";
            case Failure.DeviceFailure d -> d.kind().filter(k -> k == TransportException.Kind.BUSY).isPresent()
                    ? "The drive is in use by another program" : "The drive failed";
            case Failure.UsageProblem u -> "This cannot be done as asked";
            case Failure.InputProblem i -> "The file cannot be used";
            case Failure.Interrupted i -> i.journalKept() ? "Stopped: the flash can be resumed" : "Stopped before anything was written";
            case Failure.Bug b -> "odflash itself failed";
        };
    }

    public static String detail(Failure f) {
        String reason = f.reason();
        String words = withoutCommandHints(ChoiceWords.words(reason));
        if (reason.contains("journal is kept")) {
            words += ". The journal is kept: when the drive answers again, the resume banner offers to finish the flash"
                    + " or to restore the backup.";
        }
        return Texts.visible(words);
    }

    /**
     * Some engine texts end in a hint for the command line ("`odflash status` shows...", "run the same command
     * again"); the GUI offers its own next step instead, so those clauses are left out.
     */
    static String withoutCommandHints(String text) {
        // core marks the command-line steps as {next:STEP} (dev.odflash.ops.NextStep); older texts quote `odflash ...`
        String s = text.replaceAll("\\s*\\([^()]*(`odflash|\\{next:)[^()]*\\)", "");
        s = keep(s, "; ");
        s = keep(s, ". ");
        return s.strip();
    }

    private static String keep(String s, String separator) {
        return String.join(separator, java.util.Arrays.stream(s.split(java.util.regex.Pattern.quote(separator)))
                .filter(part -> !part.contains("`odflash") && !part.contains("{next:") && !part.contains("same command")
                        && !part.contains("journal is kept")).toList());
    }
}
