package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The emulated drive's {@code ?image=} file behaves like a chip and never follows a link: links and FIFOs
 * planted at the image path or at the name the emulator once saved through are refused or untouched, in
 * bounded time; commands that only read leave the file as it was (content, mtime, inode).
 */
class ImageFileSafetyTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path home;
    @TempDir
    Path dir;

    private CliRunner.Run run(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> new CliRunner(home).run(args), "odflash hung");
    }

    private static void mkfifo(Path p) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", p.toString()).start().waitFor()).isZero();
    }

    /** Opens a FIFO for writing so a reader stuck on it (the old bug) is let go when the test ends. */
    private static void release(Path fifo) {
        Thread t = new Thread(() -> {
            try (FileOutputStream ignored = new FileOutputStream(fifo.toFile())) {
                // opening is enough
            } catch (Exception ignored) {
                // nobody was waiting
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void aLinkAtTheImagePathIsRefusedAndItsTargetUntouched() throws Exception {
        Path secret = write(dir, "root-only", image("1.10")); // a file of exactly the chip's size
        Files.setLastModifiedTime(secret, FileTime.fromMillis(1_000_000_000_000L));
        Path link = Files.createSymbolicLink(dir.resolve("flash.bin"), secret);
        CliRunner.Run r = run("info", "--device", "emu:asus-crw-5224a?image=" + link);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("symbolic link");
        assertThat(Files.readAllBytes(secret)).isEqualTo(image("1.10"));
        assertThat(Files.getLastModifiedTime(secret)).isEqualTo(FileTime.fromMillis(1_000_000_000_000L));
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aHardLinkAtTheImagePathIsRefusedAndItsOtherNameUntouchedByAFlash() throws Exception {
        Path secret = write(dir, "root-only", image("1.10"));
        Path link = Files.createLink(dir.resolve("flash.bin"), secret);
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = run("flash", "--device", "emu:asus-crw-5224a?image=" + link, v120.toString(), "--yes",
                "--quiet");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("hard links");
        assertThat(Files.readAllBytes(secret)).isEqualTo(image("1.10"));
    }

    @Test
    void aDanglingLinkAtAMissingImagePathIsNotFollowedToCreateAFile() {
        Path elsewhere = dir.resolve("created-through-the-link");
        Path link = assertLink(dir.resolve("new.bin"), elsewhere);
        CliRunner.Run r = run("info", "--device", "emu:asus-crw-5224a?image=" + link);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(elsewhere).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    private static Path assertLink(Path link, Path target) {
        try {
            return Files.createSymbolicLink(link, target);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFifoAtTheImagePathIsAUsageErrorAtOnce() throws Exception {
        Path fifo = dir.resolve("flash.bin");
        mkfifo(fifo);
        try {
            CliRunner.Run r = run("info", "--device", "emu:asus-crw-5224a?image=" + fifo);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("FIFO");
        } finally {
            release(fifo);
        }
    }

    @Test
    void linksAndFifosAtTheOldSavingNameAreNeverTouched() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path secret = write(dir, "root-only", new byte[] {'s', 'e', 'c', 'r', 'e', 't'});
        Path link = Files.createSymbolicLink(dir.resolve(".flash.bin.saving"), secret);
        CliRunner.Run info = run("info", "--device", "emu:asus-crw-5224a?image=" + flash);
        assertThat(info.exitCode()).as(info.toString()).isZero();
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run flashed = run("flash", "--device", "emu:asus-crw-5224a?image=" + flash, v120.toString(), "--yes",
                "--quiet");
        assertThat(flashed.exitCode()).as(flashed.toString()).isZero();
        assertThat(Files.readAllBytes(secret)).isEqualTo(new byte[] {'s', 'e', 'c', 'r', 'e', 't'});
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));

        Files.delete(link);
        Path fifo = dir.resolve(".flash.bin.saving");
        mkfifo(fifo);
        try {
            CliRunner.Run again = run("info", "--device", "emu:asus-crw-5224a?image=" + flash);
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(Files.readAttributes(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isNotEmpty();
        } finally {
            release(fifo);
        }
        try (var files = Files.list(dir)) { // nothing else was created next to the image
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("flash.bin", "root-only", "1.20.bin", ".flash.bin.saving");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asus-crw-5224a", "btc-drw1008", "samsung-se506cb"})
    void readOnlyCommandsLeaveTheImageFileAsItWas(String profile) throws Exception {
        Path flash = dir.resolve(profile + ".bin");
        String spec = "emu:" + profile + "?image=" + flash;
        CliRunner.Run first = run("info", "--device", spec); // creates the file
        assertThat(first.exitCode()).as(first.toString()).isZero();
        byte[] before = Files.readAllBytes(flash);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(flash, old);
        Object inode = Files.getAttribute(flash, "unix:ino");
        List<List<String>> commands = new java.util.ArrayList<>(List.of(List.of("info"), List.of("doctor"),
                List.of("backup", "-o", dir.resolve(profile + "-backup.bin").toString())));
        if (profile.equals("asus-crw-5224a")) {
            commands.add(List.of("status")); // status on download families is the identity basis (docs/architecture.md "Options and output"), not this test's
        }
        for (List<String> args : commands) {
            String[] full = new String[args.size() + 2];
            full[0] = args.getFirst();
            full[1] = "--device";
            System.arraycopy(args.toArray(String[]::new), 1, full, 3, args.size() - 1);
            full[2] = spec;
            CliRunner.Run r = run(full);
            assertThat(r.exitCode()).as(String.join(" ", full) + "\n" + r).isIn(0, 4, 5); // no read path: 4
            assertThat(Files.getLastModifiedTime(flash)).as(args.getFirst()).isEqualTo(old);
            assertThat(Files.getAttribute(flash, "unix:ino")).as(args.getFirst()).isEqualTo(inode);
            assertThat(Files.readAllBytes(flash)).as(args.getFirst()).isEqualTo(before);
        }
    }
}
