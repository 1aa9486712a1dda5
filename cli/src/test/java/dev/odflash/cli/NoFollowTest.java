package dev.odflash.cli;

import dev.odflash.emulator.firmware.HexWriter;
import dev.odflash.ops.FileSteps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.odflash.cli.BackupPublishCrashTest.FIXED;
import static dev.odflash.cli.BackupPublishCrashTest.with;
import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * No file odflash creates follows a link (docs/architecture.md "Small things"): a symlink to a file outside, or a FIFO, is
 * planted at every name backup, convert, extract, emu firmware and status create (temporary names
 * too, made predictable through the file-step seam). Nothing outside is touched, nothing hangs.
 */
class NoFollowTest {
    static final Duration BOUND = Duration.ofSeconds(60);
    static final String PRECIOUS = "root-only secret";
    @TempDir
    Path home;
    @TempDir
    Path dir;
    @TempDir
    Path outside;
    private Path victim;
    private String device;
    private final List<Path> planted = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        victim = write(outside, "victim", PRECIOUS.getBytes());
        device = "emu:asus-crw-5224a?image=" + write(Files.createDirectories(dir.resolve("drive")), "flash.bin", image("1.10"));
    }

    private void link(Path at) throws IOException {
        Files.createSymbolicLink(at, victim);
        planted.add(at);
    }

    private void fifo(Path at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mkfifo (coreutils) is needed for this test").isZero();
        planted.add(at);
    }

    /** Plants a link at attempt 0 and a FIFO at attempt 1 of the temporary names of target. */
    private void plantTemps(Path target) throws IOException, InterruptedException {
        link(target.resolveSibling(BackupPublishCrashTest.testTempName(target, 0)));
        fifo(target.resolveSibling(BackupPublishCrashTest.testTempName(target, 1)));
    }

    static final FileSteps PREDICTABLE = new FileSteps() {
        @Override
        public String tempName(Path target, int attempt) {
            return BackupPublishCrashTest.testTempName(target, attempt);
        }
    };

    private CliRunner.Run run(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> with(PREDICTABLE, () -> new CliRunner(home).run(FIXED, args)));
    }

    private void assertNothingOutsideTouched() throws IOException {
        assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s.toList()).containsExactly(victim);
        }
        for (Path p : planted) {
            assertThat(Files.exists(p, LinkOption.NOFOLLOW_LINKS)).as("planted %s left alone", p).isTrue();
            assertThat(Files.isSymbolicLink(p) || Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).isOther()).as("%s is still what was planted", p).isTrue();
        }
    }

    private static void assertBackup(Path file) throws IOException {
        assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(image("1.10"));
        assertThat(Files.isRegularFile(Path.of(file + ".json"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void backupToFileRefusesALinkOrFifoAtEitherNameAndSkipsPlantedTemporaryNames() throws Exception {
        for (String name : List.of("a.bin", "b.bin.json")) {
            link(dir.resolve(name));
        }
        fifo(dir.resolve("c.bin"));
        fifo(dir.resolve("d.bin.json"));
        for (String out : List.of("a.bin", "b.bin", "c.bin", "d.bin")) {
            CliRunner.Run r = run("backup", "--device", device, "-o", dir.resolve(out).toString());
            assertThat(r.exitCode()).as(out + "\n" + r).isEqualTo(4);
            assertThat(r.err()).contains("exists");
        }
        Path e = dir.resolve("e.bin");
        plantTemps(e);
        plantTemps(Path.of(e + ".json"));
        CliRunner.Run ok = run("backup", "--device", device, "-o", e.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertBackup(e);
        assertNothingOutsideTouched();
    }

    @Test
    void theLibraryFollowsNoLinkInItsDirectoriesItsFilesOrItsTemporaryNames() throws Exception {
        // the file a backup at FIXED gets: ASUS_CRW-5224A/1.10-20260102T030405Z.bin
        Path model = home.resolve("backups").resolve("ASUS_CRW-5224A");
        Files.createDirectories(home.resolve("backups"));
        Files.createSymbolicLink(model, outside);
        CliRunner.Run r = run("backup", "--device", device);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("symbolic link");
        Files.delete(model);
        Files.delete(home.resolve("backups"));
        Files.createSymbolicLink(home.resolve("backups"), outside);
        assertThat(run("backup", "--device", device).exitCode()).isEqualTo(2);
        Files.delete(home.resolve("backups"));

        Files.createDirectories(model);
        Path first = model.resolve("1.10-20260102T030405Z.bin");
        link(first);
        link(Path.of(model.resolve("1.10-20260102T030405Z-2.bin") + ".json"));
        Path third = model.resolve("1.10-20260102T030405Z-3.bin");
        plantTemps(third);
        plantTemps(Path.of(third + ".json"));
        CliRunner.Run ok = run("backup", "--device", device, "--json");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.json().path("file").asText()).isEqualTo(third.toString());
        assertBackup(third);

        // status: the hash cache's name holds a link, then a FIFO; its temporary names too
        Path cache = home.resolve("cache").resolve("sha256.json");
        Files.createDirectories(cache.getParent());
        plantTemps(cache);
        Files.createSymbolicLink(cache, victim);
        CliRunner.Run s = run("status", "--device", device, "--json");
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.json().path("matchesBackups").toString()).contains(third.toString());
        assertThat(s.json().path("libraryIssues").toString()).contains(first.toString()).contains("no-sidecar");
        Files.deleteIfExists(cache);
        fifo(cache);
        planted.remove(cache); // replaced by the cache itself: a name odflash owns in its data home
        assertThat(run("status", "--device", device).exitCode()).isZero();
        assertThat(Files.isRegularFile(cache, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertNothingOutsideTouched();
    }

    @Test
    void convertEmuFirmwareAndExtractFollowNoLink() throws Exception {
        Path hex = write(dir, "fw.hex", HexWriter.plain(image("1.10")));
        for (Supplier<Path> plant : List.<Supplier<Path>>of(() -> dir.resolve("l.bin"), () -> dir.resolve("f.bin"))) {
            Path out = plant.get();
            if (out.getFileName().toString().startsWith("l")) {
                link(out);
            } else {
                fifo(out);
            }
            assertThat(run("convert", hex.toString(), "-o", out.toString()).exitCode()).isEqualTo(4);
            assertThat(run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10", "-o", out.toString()).exitCode()).isEqualTo(4);
        }
        Path conv = dir.resolve("conv.bin");
        plantTemps(conv);
        assertThat(run("convert", hex.toString(), "-o", conv.toString()).exitCode()).isZero();
        Path emu = dir.resolve("emu.bin");
        plantTemps(emu);
        assertThat(run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10", "-o", emu.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(conv)).isEqualTo(image("1.10"));
        assertThat(Files.isRegularFile(emu, LinkOption.NOFOLLOW_LINKS)).isTrue();

        Path exe = write(dir, "updater.exe", FirmwareFileCommandsTest.fixture("updater-rcdata.exe"));
        Path linkedDir = dir.resolve("linked");
        Files.createSymbolicLink(linkedDir, outside);
        planted.add(linkedDir);
        CliRunner.Run x = run("extract", exe.toString(), "-o", linkedDir.toString());
        assertThat(x.exitCode()).as(x.toString()).isEqualTo(4);
        assertThat(x.err()).contains("symbolic link");
        Path probe = dir.resolve("probe");
        CliRunner.Run clean = run("extract", exe.toString(), "-o", probe.toString(), "--json");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        String name = Path.of(clean.json().path("written").get(0).path("path").asText()).getFileName().toString();
        Path planted2 = Files.createDirectories(dir.resolve("x"));
        link(planted2.resolve(name));
        assertThat(run("extract", exe.toString(), "-o", planted2.toString()).exitCode()).isEqualTo(4);
        Path withTemps = Files.createDirectories(dir.resolve("y"));
        plantTemps(withTemps.resolve(name));
        assertThat(run("extract", exe.toString(), "-o", withTemps.toString()).exitCode()).isZero();
        assertThat(Files.isRegularFile(withTemps.resolve(name), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertNothingOutsideTouched();
    }
}
