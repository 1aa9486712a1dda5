package dev.odflash.gui.model;

import dev.odflash.gui.EmulatorHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** "Save report…" beside an error: the operation's log, and the drive's archive asked of the host, off the UI thread. */
class ReportSaverTest {
    @TempDir
    Path dir;

    /** Stands in for CliGuiHost (whose archive CliGuiHostReportTest checks): writes a marker where it is asked to. */
    private static final class ArchiveHost extends EmulatorHost {
        final List<String> asked = new ArrayList<>();

        ArchiveHost(Path dir) {
            super(dir);
        }

        @Override
        public Path saveReport(String spec, Path directory) {
            asked.add(spec + " into " + directory);
            try {
                return Files.writeString(directory.resolve("odflash-report-X.zip"), "zip");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private OperationLog log() {
        OperationLog log = new OperationLog(Clock.systemUTC(), Optional.empty());
        log.add(OperationLog.Level.ERROR, "backup", "the drive did not answer");
        log.add(OperationLog.Level.INFO, "refresh", "two drives");
        return log;
    }

    @Test
    void theLogAndTheDrivesArchiveAreSavedSideBySideOnTheWorker() throws Exception {
        ArchiveHost host = new ArchiveHost(dir.resolve("host"));
        ManualExecutor worker = new ManualExecutor();
        ManualExecutor ui = new ManualExecutor();
        AtomicReference<ReportSaver.Result> got = new AtomicReference<>();
        Path out = Files.createDirectories(dir.resolve("out")).resolve("backup.txt");
        new ReportSaver(host, log(), new Threads(worker, ui)).save(out, Optional.of("backup"), Optional.of("emu:asus-crw-5224a"), got::set);
        assertThat(host.asked).isEmpty(); // nothing on the caller's (UI) thread
        assertThat(out).doesNotExist();
        worker.runAll();
        assertThat(got.get()).isNull(); // the result is handed to the UI thread, not set from the worker
        ui.runAll();
        assertThat(host.asked).containsExactly("emu:asus-crw-5224a into " + out.getParent());
        assertThat(got.get().log()).contains(out);
        assertThat(got.get().archive()).contains(out.getParent().resolve("odflash-report-X.zip"));
        assertThat(Files.readString(out)).contains("the drive did not answer").doesNotContain("two drives");
        assertThat(got.get().words()).contains("Saved the log to").contains("the drive's report to");
    }

    @Test
    void aRefusedArchiveStillLeavesTheLogAndSaysWhy() throws Exception {
        EmulatorHost host = new EmulatorHost(dir.resolve("host")); // refuses every archive
        AtomicReference<ReportSaver.Result> got = new AtomicReference<>();
        Path out = dir.resolve("backup.txt");
        new ReportSaver(host, log(), Threads.inline()).save(out, Optional.of("backup"), Optional.of("emu:asus-crw-5224a"), got::set);
        assertThat(host.reportRequests()).containsExactly("emu:asus-crw-5224a");
        assertThat(got.get().log()).contains(out);
        assertThat(got.get().archive()).isEmpty();
        assertThat(got.get().problem()).hasValueSatisfying(p -> assertThat(p).contains("writes no report archive"));
        assertThat(out).exists();
    }

    @Test
    void anExistingFileIsLeftAndNoDriveIsReadForIt() throws Exception {
        ArchiveHost host = new ArchiveHost(dir.resolve("host"));
        Path out = Files.writeString(dir.resolve("mine.txt"), "mine");
        AtomicReference<ReportSaver.Result> got = new AtomicReference<>();
        new ReportSaver(host, log(), Threads.inline()).save(out, Optional.empty(), Optional.of("emu:asus-crw-5224a"), got::set);
        assertThat(Files.readString(out)).isEqualTo("mine");
        assertThat(host.asked).isEmpty();
        assertThat(got.get().problem()).hasValueSatisfying(p -> assertThat(p).contains("exists"));
    }

    @Test
    void withoutADriveOnlyTheLogIsSaved() throws Exception {
        ArchiveHost host = new ArchiveHost(dir.resolve("host"));
        Path out = dir.resolve("all.txt");
        AtomicReference<ReportSaver.Result> got = new AtomicReference<>();
        new ReportSaver(host, log(), Threads.inline()).save(out, Optional.empty(), Optional.empty(), got::set);
        assertThat(host.asked).isEmpty();
        assertThat(got.get().archive()).isEmpty();
        assertThat(Files.readString(out)).contains("two drives").contains("the drive did not answer");
    }
}
