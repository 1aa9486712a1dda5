package dev.odflash.ops.flash;

import dev.odflash.ops.Failure;
import dev.odflash.ops.OdflashException;

import java.lang.System.Logger.Level;

/**
 * The flash pipelines' decision log (README "Logs"): every gate verdict, the plan, each round and
 * re-plan, per-unit patches and the journal, through {@link System.Logger} (the CLI routes it to
 * the run's log file; without a route the platform's default applies). Logging never throws.
 */
public final class Decisions {
    public static final System.Logger GATE = System.getLogger("dev.odflash.gate");
    public static final System.Logger FLASH = System.getLogger("dev.odflash.flash");
    public static final System.Logger JOURNAL = System.getLogger("dev.odflash.journal");

    private Decisions() {
    }

    public static void passed(String gate, String detail) {
        GATE.log(Level.INFO, () -> "gate " + gate + ": passed (" + detail + ")");
    }

    public static void overridden(String gate, String failure, String why) {
        GATE.log(Level.INFO, () -> "gate " + gate + ": failed but allowed (" + why + "): " + failure);
    }

    /** The outcome of an operation that threw: a refusal names its gate, anything else its kind of failure. */
    public static void failed(String operation, OdflashException e) {
        Failure f = e.failure();
        if (f instanceof Failure.Refusal r) {
            if (r.gate().flashGate()) {
                GATE.log(Level.INFO, "gate " + r.gate().word() + ": refused: " + r.reason());
            } else {
                GATE.log(Level.INFO, operation + " refused (" + r.gate().word() + "): " + r.reason());
            }
            return;
        }
        String kind = switch (f) {
            case Failure.Refusal r -> "refused";
            case Failure.Mismatch m -> "mismatch";
            case Failure.DeviceFailure d -> "device";
            case Failure.UsageProblem u -> "usage";
            case Failure.InputProblem i -> "input";
            case Failure.Interrupted i -> "interrupted";
            case Failure.Bug b -> "internal";
        };
        FLASH.log(Level.WARNING, operation + " failed (" + kind + "): " + e.getMessage());
    }
}
