package dev.odflash.ops.flash;

import dev.odflash.ops.ExitCode;
import dev.odflash.ops.OdflashException;

import java.lang.System.Logger.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flash pipelines' decision log (README "Logs"): every gate verdict, the plan, each round and
 * re-plan, per-unit patches and the journal, through {@link System.Logger} (the CLI routes it to
 * the run's log file; without a route the platform's default applies). Logging never throws.
 */
final class Decisions {
    static final System.Logger GATE = System.getLogger("dev.odflash.gate");
    static final System.Logger FLASH = System.getLogger("dev.odflash.flash");
    static final System.Logger JOURNAL = System.getLogger("dev.odflash.journal");
    private static final Pattern GATE_MESSAGE = Pattern.compile("^gate ([a-z -]+): (.*)$", Pattern.DOTALL);

    private Decisions() {
    }

    static void passed(String gate, String detail) {
        GATE.log(Level.INFO, () -> "gate " + gate + ": passed (" + detail + ")");
    }

    static void overridden(String gate, String failure, String why) {
        GATE.log(Level.INFO, () -> "gate " + gate + ": failed but allowed (" + why + "): " + failure);
    }

    /** The outcome of an operation that threw: a refusal names its gate, anything else its exit kind. */
    static void failed(String operation, OdflashException e) {
        if (e.exitCode() == ExitCode.REFUSED) {
            Matcher m = GATE_MESSAGE.matcher(String.valueOf(e.getMessage()));
            if (m.matches()) {
                GATE.log(Level.INFO, "gate " + m.group(1) + ": refused: " + m.group(2));
            } else {
                GATE.log(Level.INFO, operation + " refused: " + e.getMessage());
            }
            return;
        }
        FLASH.log(Level.WARNING, operation + " failed (exit " + e.exitCode().code() + ", " + e.exitCode().kind()
                + "): " + e.getMessage());
    }
}
