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
        return Texts.visible(ChoiceWords.words(f.reason()));
    }
}
