package dev.odflash.gui.model;

import dev.odflash.doctor.Check;
import dev.odflash.gui.GuiHost;

import java.util.List;
import java.util.Optional;

/**
 * The doctor's checks on the Diagnostics screen: run on the worker through the host (typed results, never the
 * command's text), shown as rows in the GUI's words. A fix the command words with a command-line option is told
 * in the GUI's terms instead, so the GUI never shows a flag.
 */
public final class DoctorModel {
    /** One row: status, check, drive, what was found, what to do. */
    public record Row(String status, String check, String target, String detail, String fix) {
    }

    private final GuiHost host;
    private final Threads threads;
    private final OperationLog log;
    private final Changes changes = new Changes();
    private List<Check> checks = List.of();
    private Optional<Outcome> failed = Optional.empty();
    private boolean busy;
    private boolean ran;

    public DoctorModel(GuiHost host, Threads threads, OperationLog log) {
        this.host = host;
        this.threads = threads;
        this.log = log;
    }

    public Changes changes() {
        return changes;
    }

    public void run() {
        if (busy) {
            return;
        }
        busy = true;
        failed = Optional.empty();
        changes.fire();
        Jobs.run(threads, log, "doctor", host::doctor, found -> {
            checks = List.copyOf(found);
            busy = false;
            ran = true;
            changes.fire();
        }, end -> {
            failed = Optional.of(Outcome.of("doctor", end));
            busy = false;
            changes.fire();
        });
    }

    public boolean busy() {
        return busy;
    }

    /** Whether the checks ran at least once (before that the screen offers to run them). */
    public boolean ran() {
        return ran;
    }

    public Optional<Outcome> failed() {
        return failed;
    }

    /** Why the checks did not finish, in the GUI's words. */
    public Optional<String> failedWords() {
        return failed.map(o -> switch (o) {
            case Outcome.Failed f -> f.heading();
            case Outcome.WorkerDied d -> d.heading();
            case Outcome.Succeeded s -> s.heading();
        });
    }

    /** The typed checks of the last run (the Recovery screen reads its port and libflashrom rows from them). */
    public List<Check> checks() {
        return checks;
    }

    public long failures() {
        return checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
    }

    public List<Row> rows() {
        return checks.stream().map(c -> new Row(words(c.status()), Texts.line(c.name()), Texts.line(c.target()),
                Texts.line(c.detail()), Texts.line(guiFix(c.fix())))).toList();
    }

    static String words(Check.Status status) {
        return switch (status) {
            case OK -> "passed";
            case INFO -> "note";
            case SKIP -> "skipped";
            case WARN -> "warning";
            case FAIL -> "failed";
        };
    }

    /**
     * The doctor's fixes are written for the terminal; the few that name an option become what to do in the GUI
     * (DoctorChecks in the cli module words them: --debug, --enable-native-access, `odflash info --device`).
     */
    static String guiFix(String fix) {
        if (!fix.contains("--")) {
            return fix;
        }
        if (fix.contains("debug")) { // the debug option's advice (matched by its word: this file spells no flag)
            return "use Save report\u2026 and report it";
        }
        if (fix.contains("native-access")) {
            return "start odflash through its launcher (the odflash command or the desktop entry)";
        }
        return "see the doctor's advice in a terminal (odflash doctor)";
    }
}
