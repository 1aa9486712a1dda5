package dev.odflash.gui.model;

import dev.odflash.gui.GuiHost;
import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * "Save report…": the operation's diagnostic log to the file the user chose and, when the error was about a
 * drive, beside it the archive `odflash report` writes (through the host, GuiHost#saveReport; the GUI builds
 * no archive of its own and reads no CLI output). The drive is read while the archive is made, so the work runs
 * on the worker; the result comes back on the UI thread.
 */
public final class ReportSaver {
    /** What was saved: the log (or why not) and the drive's archive (or why not, or nothing asked). */
    public record Result(Optional<Path> log, Optional<Path> archive, Optional<String> problem) {
        /** One line for the panel beside the button. */
        public String words() {
            StringBuilder sb = new StringBuilder();
            log.ifPresent(p -> sb.append("Saved the log to ").append(p));
            archive.ifPresent(p -> sb.append(sb.isEmpty() ? "" : "; ").append("the drive's report to ").append(p));
            problem.ifPresent(p -> sb.append(sb.isEmpty() ? "" : "; ").append("not saved: ").append(p));
            return Texts.line(sb.toString());
        }
    }

    private final GuiHost host;
    private final OperationLog log;
    private final Threads threads;

    public ReportSaver(GuiHost host, OperationLog log, Threads threads) {
        this.host = host;
        this.log = log;
        this.threads = threads;
    }

    /**
     * Saves the log of {@code operation} (empty: every operation) to the new file {@code logFile}, then the
     * archive about {@code drive}, if one is named, into the same directory under its default name.
     */
    public void save(Path logFile, Optional<String> operation, Optional<String> drive, Consumer<Result> done) {
        threads.worker().execute(() -> {
            Result r = saveNow(logFile, operation, drive);
            threads.ui().execute(() -> done.accept(r));
        });
    }

    private Result saveNow(Path logFile, Optional<String> operation, Optional<String> drive) {
        try {
            log.save(logFile, operation);
        } catch (FileAlreadyExistsException e) {
            return new Result(Optional.empty(), Optional.empty(), Optional.of(logFile + " exists; it is left as it is"));
        } catch (IOException e) {
            return new Result(Optional.empty(), Optional.empty(), Optional.of("cannot write " + logFile + ": " + e.getMessage()));
        }
        if (drive.isEmpty()) {
            return new Result(Optional.of(logFile), Optional.empty(), Optional.empty());
        }
        Path dir = logFile.toAbsolutePath().getParent();
        try {
            return new Result(Optional.of(logFile), Optional.of(host.saveReport(drive.get(), dir)), Optional.empty());
        } catch (OdflashException e) {
            return new Result(Optional.of(logFile), Optional.empty(), Optional.of("the drive's report: " + e.getMessage()));
        }
    }
}
