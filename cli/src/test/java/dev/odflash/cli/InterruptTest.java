package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C, SIGINT and SIGTERM (docs/architecture.md "Interruption"), delivered at command N through the
 * hidden test hook {@code --interrupt-at-command}: a chip write stops between two chip operations with its
 * journal kept and the resume command printed (exit 130); a download stops at once before its first data
 * block and, once data is out, runs to its verified end; a read stops at once and publishes nothing.
 */
class InterruptTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** The drive's commands in a trace, in order (SCSI commands as their CDB, chip-channel calls as their op). */
    private static List<String> commands(Path trace) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(trace)) {
                JsonNode n = new ObjectMapper().readTree(line);
                if (n.has("cdb")) {
                    out.add(n.path("cdb").asText());
                } else if (n.has("op")) {
                    out.add(n.path("op").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** 1-based number of the first command that matches. */
    private static int first(List<String> commands, Predicate<String> p) {
        for (int i = 0; i < commands.size(); i++) {
            if (p.test(commands.get(i))) {
                return i + 1;
            }
        }
        throw new AssertionError("no such command in " + commands);
    }

    private static boolean data(String cdb) {
        return cdb.startsWith("3b") || cdb.startsWith("ff");
    }

    private CliRunner.Run run(Path runHome, String... args) {
        return new CliRunner(runHome).run(args);
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
    }

    /** A reference run of the same flash on a fresh drive: the commands it sends. */
    private List<String> reference(String[] args) throws IOException {
        Path trace = dir.resolve("ref" + System.nanoTime() + ".jsonl");
        Path refHome = Files.createTempDirectory(dir, "ref");
        CliRunner.Run ok = run(refHome, with(args, "--trace", trace.toString()));
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        return commands(trace);
    }

    private String[] chipFlash(Path flash, Path target) {
        return new String[]{"flash", "--device", "emu:asus-crw-5224a?image=" + flash, target.toString(), "--yes"};
    }

    @Test
    void aChipWriteStopsBetweenTwoChipOperationsKeepsTheJournalAndPrintsTheResumeCommand() throws IOException {
        byte[] old = image("1.10");
        byte[] target = image("1.35");
        Path v135 = write(dir, "1.35 new.bin", target); // a space: the printed command must quote it
        List<String> ref = reference(chipFlash(write(dir, "ref.bin", old), v135));
        int program = first(ref, "program"::equals);
        Path flash = write(dir, "flash.bin", old);
        String[] args = chipFlash(flash, v135);

        CliRunner.Run cut = run(home, with(args, "--interrupt-at-command", String.valueOf(program + 2)));
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(130);
        assertThat(cut.err()).contains("interrupt (test hook): stopping after the erase or program in progress")
                .contains("interrupted: stopped between two chip operations")
                .contains("to resume run: odflash flash --device 'emu:asus-crw-5224a?image=" + flash + "' '" + v135
                        + "' --yes");
        assertThat(cut.err().lines().filter(l -> l.startsWith("error:")).count()).as(cut.err()).isEqualTo(1);
        assertThat(Files.list(home.resolve("journals")).filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(1);
        byte[] now = Files.readAllBytes(flash);
        assertThat(now).isNotEqualTo(old).isNotEqualTo(target); // stopped part-way, as asked

        CliRunner.Run again = run(home, args);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("resumed");
        assertThat(Files.readAllBytes(flash)).isEqualTo(target);
    }

    @Test
    void aSecondInterruptDuringAChipWriteSaysWhatOdflashWaitsFor() throws IOException {
        byte[] old = image("1.10");
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        List<String> ref = reference(chipFlash(write(dir, "ref.bin", old), v135));
        int erase = first(ref, "erase"::equals);
        CliRunner.Run cut = run(home, with(chipFlash(write(dir, "flash.bin", old), v135),
                "--interrupt-at-command", erase + "," + (erase + 1)));
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(130);
        assertThat(cut.err()).contains("still waiting for the erase or program in progress to finish");
    }

    @Test
    void aReadStopsAtOnceAndPublishesNothing() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        CliRunner.Run r = run(home, "backup", "--device", "emu:asus-crw-5224a?image=" + flash,
                "--interrupt-at-command", "20");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
        assertThat(r.err()).contains("interrupted: no write was in progress, nothing was published");
        assertThat(files(home)).noneMatch(p -> p.endsWith(".bin") || p.endsWith(".bin.json"));
    }

    @Test
    void aFlashInterruptedWhileTakingItsBackupWritesNothing() throws IOException {
        byte[] old = image("1.10");
        Path flash = write(dir, "flash.bin", old);
        CliRunner.Run r = run(home, with(chipFlash(flash, write(dir, "1.35.bin", image("1.35"))),
                "--interrupt-at-command", "20"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
        assertThat(Files.readAllBytes(flash)).isEqualTo(old);
        assertThat(files(home)).noneMatch(p -> p.contains("journals" + java.io.File.separator) && p.endsWith(".json"));
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }

    private String[] download(String profile, String version, boolean withoutBackup) throws IOException {
        Path img = DownloadRuns.image(dir, profile, version);
        List<String> a = new ArrayList<>(List.of("flash", "--device", "emu:" + profile, img.toString(), "--yes"));
        if (withoutBackup) {
            a.add("--without-backup");
        }
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"btc-drw1008,0058,true", "tsst-ts-h353c,SB02,true", "samsung-sd616f,F104,true",
            "samsung-se506cb,TS02,true", "asus-bw16d1ht,3.10,false"})
    void aDownloadStopsAtOnceBeforeItsFirstDataBlock(String profile, String version, boolean withoutBackup)
            throws IOException {
        String[] args = download(profile, version, withoutBackup);
        int firstData = first(reference(args), InterruptTest::data);
        Path trace = dir.resolve("cut.jsonl");
        CliRunner.Run cut = run(home, with(args, "--interrupt-at-command", String.valueOf(firstData - 1),
                "--trace", trace.toString()));
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(130);
        assertThat(commands(trace)).as("no download command after the interrupt").noneMatch(InterruptTest::data);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"btc-drw1008,0058,true,the drive's burn (a 50 s wait)", "tsst-ts-h353c,SB02,true,the drive's restart",
            "samsung-sd616f,F104,true,the drive's restart", "samsung-se506cb,TS02,true,commits it in halves",
            "asus-bw16d1ht,3.10,false,the read-back check"})
    void aDownloadWhoseDataIsOutRunsToItsVerifiedEnd(String profile, String version, boolean withoutBackup,
                                                     String waitingFor) throws IOException {
        String[] args = download(profile, version, withoutBackup);
        List<String> ref = reference(args);
        int firstData = first(ref, InterruptTest::data);
        Path trace = dir.resolve("deferred.jsonl");
        CliRunner.Run r = run(home, with(args, "--interrupt-at-command", firstData + "," + (firstData + 3),
                "--trace", trace.toString(), "--json"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("toVersion").asText().strip()).isEqualTo(version);
        assertThat(r.err()).contains("interrupt (test hook): odflash finishes the download")
                .contains("stopping in between could leave a half-written drive")
                .contains("still waiting for the download").contains(waitingFor)
                .contains("odflash finished the write first: it is complete and verified");
        assertThat(commands(trace).stream().filter(InterruptTest::data).count())
                .as("every block of the download was sent").isEqualTo(ref.stream().filter(InterruptTest::data).count());
        assertThat(files(home)).noneMatch(p -> p.contains("journals" + java.io.File.separator) && p.endsWith(".json"));
    }

    @Test
    void aDownloadStoppedInsideItsWriteBeforeTheFirstBlockKeepsTheJournal() throws IOException {
        // freemkv's variant probes the drive inside the write, before PREPARE: a stop there still sends no data
        String[] args = with(download("asus-bw16d1ht", "3.10", false), "--mt19xx-variant", "freemkv");
        List<String> ref = reference(args);
        int prepare = first(ref, InterruptTest::data);
        Path trace = dir.resolve("probe.jsonl");
        CliRunner.Run cut = run(home, with(args, "--interrupt-at-command", String.valueOf(prepare - 1),
                "--trace", trace.toString()));
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(130);
        assertThat(cut.err()).contains("stopped before the first data block").contains("to resume run: odflash flash");
        assertThat(commands(trace)).noneMatch(InterruptTest::data);
        CliRunner.Run again = run(home, args);
        assertThat(again.exitCode()).as(again.toString()).isZero();
    }
}
