package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.bytes.Sha256;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.FileSteps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup has one commit point (docs/architecture.md "Safety rules", rule 2): kill -9 at every step of its publish and a full disk
 * at every write leave a complete checksummed backup or none, as status, the library, flash --backup
 * and a retry of backup -o see it, and a retry succeeds. A kill -9 runs no finally block, so the
 * state it leaves at a step is the directory as it is just before that step: the test records it
 * there through the publish's file-step seam and replays each state.
 */
class BackupPublishCrashTest {
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    @TempDir
    Path work;
    private int runs;

    /** Deterministic temporary names, so a test can also find them. */
    static String testTempName(Path target, int attempt) {
        return "." + target.getFileName() + ".t" + attempt + ".partial";
    }

    /** Every plain file under dir, by relative path. */
    static Map<String, byte[]> snapshot(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void restore(Map<String, byte[]> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (var e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }

    /** Records the state before every step: what a kill -9 at that instant leaves. */
    static final class Recorder implements FileSteps {
        final Path dir;
        final List<Map<String, byte[]>> states = new ArrayList<>();
        final List<String> steps = new ArrayList<>();

        Recorder(Path dir) {
            this.dir = dir;
        }

        @Override
        public void before(Step step, Path path) {
            states.add(snapshot(dir));
            steps.add(step + " " + path.getFileName());
        }

        @Override
        public String tempName(Path target, int attempt) {
            return testTempName(target, attempt);
        }
    }

    /** Fails the n-th step as a full disk does. */
    static final class DiskFull implements FileSteps {
        final int failAt;
        int seen;

        DiskFull(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void before(Step step, Path path) throws IOException {
            if (seen++ == failAt) {
                throw new FileSystemException(path.toString(), null, "No space left on device");
            }
        }

        @Override
        public String tempName(Path target, int attempt) {
            return testTempName(target, attempt);
        }
    }

    static CliRunner.Run with(FileSteps steps, Supplier<CliRunner.Run> run) {
        AtomicReference<CliRunner.Run> out = new AtomicReference<>();
        ScopedValue.where(AtomicFiles.STEPS, steps).run(() -> out.set(run.get()));
        return out.get();
    }

    private Path fresh(String what) throws IOException {
        return Files.createDirectories(work.resolve(what + "-" + runs++));
    }

    private static String sidecarSha(Path sidecar) throws IOException {
        return new ObjectMapper().readTree(sidecar.toFile()).path("sha256").asText();
    }

    /** The invariant at the file level: FILE appears only with a sidecar that checks. */
    private static boolean completeOrAbsent(Path file) throws IOException {
        if (!Files.exists(file)) {
            return true;
        }
        Path sidecar = Path.of(file + ".json");
        return Files.exists(sidecar) && sidecarSha(sidecar).equals(Sha256.hex(Files.readAllBytes(file)));
    }

    @Test
    void killAtEveryStepOfABackupToFileLeavesACompleteBackupOrNoneAndARetrySucceeds() throws IOException {
        byte[] drive = image("1.10");
        Path flash = write(Files.createDirectories(work.resolve("drive")), "flash.bin", drive);
        Path v120 = write(work, "1.20.bin", image("1.20"));
        Path recorded = fresh("recorded");
        Recorder rec = new Recorder(recorded);
        CliRunner.Run first = with(rec, () -> new CliRunner(fresh0()).run("backup", "--device",
                "emu:asus-crw-5224a?image=" + flash, "-o", recorded.resolve("b.bin").toString()));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        rec.states.add(snapshot(recorded)); // after the last step
        assertThat(rec.steps).as("the sidecar is linked before the image").containsSubsequence(
                "LINK b.bin.json", "LINK b.bin");
        int complete = 0;
        for (int i = 0; i < rec.states.size(); i++) {
            String at = i < rec.steps.size() ? "killed before " + rec.steps.get(i) : "after the publish";
            Path d = fresh("state");
            restore(rec.states.get(i), d);
            Path file = d.resolve("b.bin");
            assertThat(completeOrAbsent(file)).as(at).isTrue();
            boolean isBackup = Files.exists(file);
            complete += isBackup ? 1 : 0;

            // flash --backup FILE: a complete backup is used; an unfinished publish is never a backup
            Path driveCopy = write(fresh("drive"), "flash.bin", drive);
            CliRunner.Run f = new CliRunner(fresh0()).run("flash", "--device", "emu:asus-crw-5224a?image=" + driveCopy,
                    v120.toString(), "--yes", "--backup", file.toString());
            if (isBackup) {
                assertThat(f.exitCode()).as(at + "\n" + f).isZero();
            } else {
                assertThat(f.exitCode()).as(at + "\n" + f).isEqualTo(2);
                assertThat(Files.readAllBytes(driveCopy)).as(at + ": nothing written").isEqualTo(drive);
                if (Files.exists(Path.of(file + ".json"))) {
                    assertThat(f.err()).as(at).contains("unfinished backup");
                }
            }

            // a retry of backup -o FILE: refused onto a complete backup, else it succeeds
            CliRunner.Run retry = new CliRunner(fresh0()).run("backup", "--device", "emu:asus-crw-5224a?image=" + flash,
                    "-o", file.toString());
            assertThat(retry.exitCode()).as(at + "\n" + retry).isEqualTo(isBackup ? 4 : 0);
            assertThat(Files.readAllBytes(file)).as(at).isEqualTo(drive);
            assertThat(sidecarSha(Path.of(file + ".json"))).as(at).isEqualTo(Sha256.hex(drive));
            if (!isBackup) {
                try (Stream<Path> left = Files.list(d)) {
                    assertThat(left.map(p -> p.getFileName().toString()).toList()).as(at + ": the retry tidied up")
                            .containsExactlyInAnyOrder("b.bin", "b.bin.json");
                }
            }
        }
        assertThat(complete).as("the last states hold the backup").isPositive().isLessThan(rec.states.size());
    }

    @Test
    void killAtEveryStepOfALibraryBackupLeavesACompleteBackupOrNoneAndTheNextBackupSettlesIt() throws IOException {
        Path flash = write(Files.createDirectories(work.resolve("drive")), "flash.bin", StatusLibraryCheckTest.unknownImage());
        String device = "emu:asus-crw-5224a?image=" + flash;
        Path recordedHome = fresh("home");
        Recorder rec = new Recorder(recordedHome.resolve("backups"));
        CliRunner.Run first = with(rec, () -> new CliRunner(recordedHome).run(FIXED, "backup", "--device", device, "--json"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String name = recordedHome.relativize(Path.of(first.json().path("file").asText())).toString();
        rec.states.add(snapshot(recordedHome.resolve("backups")));
        for (int i = 0; i < rec.states.size(); i++) {
            String at = i < rec.steps.size() ? "killed before " + rec.steps.get(i) : "after the publish";
            Path home = fresh("home");
            restore(rec.states.get(i), home.resolve("backups"));
            Path file = home.resolve(name);
            boolean isBackup = Files.exists(file);
            boolean finishable = !isBackup && Files.exists(Path.of(file + ".json"));

            CliRunner.Run status = new CliRunner(home).run("status", "--device", device, "--json");
            JsonNode s = status.json();
            assertThat(status.exitCode()).as(at + "\n" + status).isEqualTo(isBackup ? 0 : 5);
            assertThat(s.path("matchesBackups").size()).as(at).isEqualTo(isBackup ? 1 : 0);
            assertThat(s.path("libraryIssues").toString()).as(at).doesNotContain("no-sidecar").doesNotContain("damaged");
            if (finishable) {
                assertThat(s.path("libraryIssues").toString()).as(at).contains("unfinished-publish");
            }

            CliRunner.Run again = new CliRunner(home).run(FIXED, "backup", "--device", device);
            assertThat(again.exitCode()).as(at + "\n" + again).isZero();
            CliRunner.Run after = new CliRunner(home).run("status", "--device", device, "--json");
            assertThat(after.exitCode()).as(at + "\n" + after).isZero();
            assertThat(after.json().path("libraryIssues").size()).as(at + "\n" + after).isZero();
            // the sidecar was linked after its temporary image was complete and synced: the next run finishes it,
            // and then the same content is a sighting of that entry, not a second one (one entry per content)
            assertThat(after.json().path("matchesBackups").size()).as(at).isEqualTo(1);
            if (isBackup || finishable) {
                assertThat(again.out()).as(at).contains("already in the library: " + file);
            }
        }
    }

    @Test
    void aFullDiskAtEveryStepLeavesNoFileAndARetrySucceeds() throws IOException {
        Path flash = write(Files.createDirectories(work.resolve("drive")), "flash.bin", image("1.10"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        Path recorded = fresh("recorded");
        Recorder rec = new Recorder(recorded);
        assertThat(with(rec, () -> new CliRunner(fresh0()).run("backup", "--device", device, "-o",
                recorded.resolve("b.bin").toString())).exitCode()).isZero();
        int failing = 0;
        for (int i = 0; i < rec.steps.size(); i++) {
            String step = rec.steps.get(i);
            if (!(step.startsWith("CREATE_TEMP") || step.startsWith("WRITE") || step.startsWith("SYNC_FILE")
                    || step.startsWith("LINK"))) {
                continue; // unlink and a directory fsync report no full disk that matters (the latter is ignored)
            }
            failing++;
            Path d = fresh("full");
            Path file = d.resolve("b.bin");
            CliRunner.Run r = with(new DiskFull(i), () -> new CliRunner(fresh0()).run("backup", "--device", device,
                    "-o", file.toString()));
            assertThat(r.exitCode()).as(step + "\n" + r).isEqualTo(2);
            assertThat(r.err()).as(step).contains("No space left on device").doesNotContain("Exception");
            try (Stream<Path> left = Files.list(d)) {
                assertThat(left.toList()).as("a failed publish leaves nothing (" + step + ")").isEmpty();
            }
            CliRunner.Run retry = new CliRunner(fresh0()).run("backup", "--device", device, "-o", file.toString());
            assertThat(retry.exitCode()).as(step + "\n" + retry).isZero();
            assertThat(completeOrAbsent(file)).isTrue();
        }
        assertThat(failing).as("every write, sync and link of both files").isGreaterThan(10);
    }

    @Test
    void anImageWithoutASidecarIsNeverReplacedAndAnUnfinishedSidecarIsReplacedByARetry() throws IOException {
        Path flash = write(Files.createDirectories(work.resolve("drive")), "flash.bin", image("1.10"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        Path d = fresh("o");
        Path lone = write(d, "lone.bin", "what today's bug left".getBytes());
        CliRunner.Run r = new CliRunner(fresh0()).run("backup", "--device", device, "-o", lone.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("no sidecar");
        assertThat(Files.readString(lone)).isEqualTo("what today's bug left");
        assertThat(Files.exists(Path.of(lone + ".json"))).isFalse();

        Path file = d.resolve("b.bin");
        write(d, "b.bin.json", ("{\"sha256\":\"" + "0".repeat(64) + "\",\"size\":5,\"state\":\"complete\"}").getBytes());
        write(d, ".b.bin.t0.partial", "short".getBytes());
        CliRunner.Run retry = new CliRunner(fresh0()).run("backup", "--device", device, "-o", file.toString());
        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(completeOrAbsent(file)).isTrue();
        assertThat(Files.exists(file)).isTrue();
        try (Stream<Path> left = Files.list(d)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("lone.bin", "b.bin", "b.bin.json");
        }
        // a file that is no sidecar at FILE.json is not odflash's: refused, left alone
        write(d, "c.bin.json", "my notes".getBytes());
        assertThat(new CliRunner(fresh0()).run("backup", "--device", device, "-o", d.resolve("c.bin").toString())
                .exitCode()).isEqualTo(4);
        assertThat(Files.readString(d.resolve("c.bin.json"))).isEqualTo("my notes");
    }

    @Test
    void flashRefusesABackupWhoseSidecarDisagreesOrSaysInterrupted() throws IOException {
        byte[] drive = image("1.10");
        Path flash = write(Files.createDirectories(work.resolve("drive")), "flash.bin", drive);
        Path v120 = write(work, "1.20.bin", image("1.20"));
        Path d = fresh("b");
        Path b = write(d, "b.bin", drive);
        write(d, "b.bin.json", ("{\"sha256\":\"" + Sha256.hex(image("1.00")) + "\",\"size\":" + drive.length
                + ",\"state\":\"complete\"}").getBytes());
        CliRunner.Run r = new CliRunner(fresh0()).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                v120.toString(), "--yes", "--backup", b.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("damaged backup");
        write(d, "b.bin.json", ("{\"sha256\":\"" + Sha256.hex(drive) + "\",\"size\":" + drive.length
                + ",\"state\":\"interrupted\"}").getBytes());
        CliRunner.Run i = new CliRunner(fresh0()).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                v120.toString(), "--yes", "--backup", b.toString());
        assertThat(i.exitCode()).as(i.toString()).isEqualTo(4);
        assertThat(i.err()).contains("half-written");
        assertThat(Files.readAllBytes(flash)).isEqualTo(drive);
    }

    private Path fresh0() {
        try {
            return fresh("h");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
