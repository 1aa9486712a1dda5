package dev.odflash.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13 "Decisions are logged": each run that opens a drive leaves its log in $ODFLASH_HOME/logs. */
class RunLogTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path flash;
    private String device;
    private CliRunner cli;

    @BeforeEach
    void drive() {
        flash = write(dir, "flash.bin", image("1.10"));
        device = "emu:asus-crw-5224a?image=" + flash;
        cli = new CliRunner(home);
    }

    private Path logs() {
        return home.resolve("logs");
    }

    private List<Path> logFiles() throws IOException {
        if (!Files.isDirectory(logs(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logs())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    private String onlyLog() throws IOException {
        List<Path> files = logFiles();
        assertThat(files).hasSize(1);
        assertThat(files.getFirst().getFileName().toString())
                .matches("\\d{8}T\\d{6}Z-flash-" + ProcessHandle.current().pid() + "\\.log");
        return Files.readString(files.getFirst());
    }

    @Test
    void aRefusedFlashLeavesALogNamingTheGateAndItsVerdict() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = cli.run("flash", "--device", device + "&medium=present", v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        String log = onlyLog();
        assertThat(log).contains("command line: odflash flash --device emu:asus-crw-5224a")
                .contains("drive: emu:asus-crw-5224a")
                .contains("INFO dev.odflash.drive: drive emu:asus-crw-5224a")
                .contains("gate family: passed").contains("gate journal: passed")
                .contains("gate medium: refused: a disc is in the drive")
                .contains("exit 4 (refused)")
                .doesNotContain("DEBUG");
        assertThat(r.out()).doesNotContain("gate family");
        assertThat(r.err()).doesNotContain("gate family: passed");
    }

    @Test
    void aSuccessfulFlashLogNamesThePlanTheJournalAndTheVerify() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = cli.run("flash", "--device", device, v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String log = onlyLog();
        assertThat(log).containsPattern("INFO dev.odflash.flash: plan: \\d+ steps, \\d+ erases \\(\\d+ bytes\\), \\d+ bytes"
                        + " to program in \\d+ calls, predicted [0-9.]+ s")
                .contains("backup published: " + home.resolve("backups"))
                .contains("journal written: ").contains("journal removed: ")
                .contains("round 1: ").contains("verify: whole chip")
                .contains("flash verified: 1.10 -> 1.20")
                .contains("exit 0 (ok)");
        assertThat(log.lines().filter(l -> !l.startsWith(" ") && l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).count())
                .as("records carry timestamps").isGreaterThan(10);
    }

    @Test
    void debugAddsDebugRecords() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = cli.run("--debug", "flash", "--device", device, v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(onlyLog()).contains("DEBUG dev.odflash.backup: publish: image linked at");
    }

    @Test
    void commandsThatOpenNoDriveWriteNoLog() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        assertThat(cli.run("identify", v120.toString()).exitCode()).isZero();
        assertThat(cli.run("chips").exitCode()).isZero();
        assertThat(cli.run("emu", "profiles").exitCode()).isZero();
        assertThat(cli.run("--help").exitCode()).isZero();
        assertThat(cli.run("--version").exitCode()).isZero();
        assertThat(logFiles()).isEmpty();
        assertThat(cli.run("info", "--device", device).exitCode()).isZero();
        assertThat(logFiles()).hasSize(1).allMatch(p -> p.getFileName().toString().contains("-info-"));
    }

    @Test
    void retentionKeepsTheLast50RunsAndNothingOlderThan30DaysAndOnlyOdflashLogs() throws IOException {
        Files.createDirectories(logs());
        long pid = ProcessHandle.current().pid();
        for (int i = 1; i <= 60; i++) {
            Files.writeString(logs().resolve(RunLog.STAMP.format(NOW.minus(Duration.ofHours(i))) + "-info-" + pid + ".log"), "old");
        }
        Path notOurs = Files.writeString(logs().resolve("notes.txt"), "keep");
        Path outside = Files.writeString(dir.resolve("outside.log"), "outside");
        Path link = Files.createSymbolicLink(logs().resolve(
                RunLog.STAMP.format(NOW.minus(Duration.ofDays(90))) + "-flash-1.log"), outside);
        Path ancient = logs().resolve(RunLog.STAMP.format(NOW.minus(Duration.ofDays(31))) + "-flash-7.log");
        CliRunner.Run r = cli.run(Clock.fixed(NOW, ZoneOffset.UTC), "info", "--device", device);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<Path> kept = logFiles().stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        assertThat(kept).hasSize(50);
        String newest = RunLog.STAMP.format(NOW) + "-info-" + pid + ".log";
        assertThat(kept).extracting(p -> p.getFileName().toString()).contains(newest)
                .contains(RunLog.STAMP.format(NOW.minus(Duration.ofHours(49))) + "-info-" + pid + ".log")
                .doesNotContain(RunLog.STAMP.format(NOW.minus(Duration.ofHours(50))) + "-info-" + pid + ".log");
        assertThat(notOurs).exists();
        assertThat(Files.isSymbolicLink(link)).as("a link is not a log odflash wrote: left alone").isTrue();
        assertThat(outside).hasContent("outside");

        // a log older than 30 days goes even when fewer than 50 are kept
        Files.writeString(ancient, "ancient");
        assertThat(cli.run(Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC), "info", "--device", device).exitCode()).isZero();
        assertThat(ancient).doesNotExist();
    }

    @Test
    void aLinkAtTheLogsDirectoryIsNotFollowedAndTheRunGoesOn() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createSymbolicLink(logs(), elsewhere);
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = cli.run("flash", "--device", device, v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s.toList()).as("nothing written through the link").isEmpty();
        }
        assertThat(r.err().lines().filter(l -> l.contains("run log")).toList()).hasSize(1)
                .allMatch(l -> l.startsWith("warning: "));
    }

    @Test
    void aLinkAtTheLogNameIsNotFollowed() throws IOException {
        Files.createDirectories(logs());
        Path target = Files.writeString(dir.resolve("victim.txt"), "untouched");
        Path planted = logs().resolve(RunLog.STAMP.format(NOW) + "-info-" + ProcessHandle.current().pid() + ".log");
        Files.createSymbolicLink(planted, target);
        CliRunner.Run r = cli.run(Clock.fixed(NOW, ZoneOffset.UTC), "info", "--device", device);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(target).hasContent("untouched");
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        Path next = logs().resolve(RunLog.STAMP.format(NOW) + "-info-" + ProcessHandle.current().pid() + "-2.log");
        assertThat(Files.readString(next)).contains("command line: odflash info");
    }

    @Test
    void aFailingLogSinkWarnsOnceAndDoesNotChangeTheExitCode() throws IOException {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run ok = run(failingAfterWrites(5), "flash", "--device", device, v120.toString(), "--yes");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("Flashed and verified");
        assertThat(ok.err().lines().filter(l -> l.contains("run log")).toList()).as(ok.toString()).hasSize(1)
                .allMatch(l -> l.startsWith("warning: ") && l.contains("No space left on device"));

        CliRunner.Run refused = run(failingAfterWrites(0), "flash", "--device",
                device + "&medium=present", v120.toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
    }

    /** A sink that takes {@code writes} writes, then fails as a full disk does. */
    private static UnaryOperator<Writer> failingAfterWrites(int writes) {
        return w -> new java.io.FilterWriter(w) {
            private int count;

            @Override
            public void write(String s, int off, int len) throws IOException {
                if (count++ >= writes) {
                    throw new IOException("No space left on device");
                }
                super.write(s, off, len);
            }

            @Override
            public void write(char[] b, int off, int len) throws IOException {
                write(new String(b, off, len), 0, len);
            }

            @Override
            public void write(int c) throws IOException {
                write(String.valueOf((char) c), 0, 1);
            }
        };
    }

    private CliRunner.Run run(UnaryOperator<Writer> logSink, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        int code = Cli.run(args, t, Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()),
                Clock.systemUTC(), UnaryOperator.identity(), logSink);
        return new CliRunner.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
