package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 10 §1: the journal and its temporary file never follow a planted link and never open a
 * planted FIFO (which would hang); a planted thing at the journal's name is reported, not used.
 */
class JournalFilesTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** An interrupted flash restored again: the journal's name is known and free. */
    private String journalName(String device, Path target) throws IOException {
        CliRunner cli = new CliRunner(home);
        CliRunner.Run cut = cli.run("flash", "--device", device + "&fault=powerloss@erase:5,seed=7", target.toString(), "--yes");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        String name;
        try (Stream<Path> s = Files.list(home.resolve("journals"))) {
            name = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).findFirst().orElseThrow();
        }
        CliRunner.Run resumed = cli.run("flash", "--device", device, target.toString(), "--yes");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(home.resolve("journals").resolve(name)).doesNotExist();
        return name;
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void aLinkPlantedAtTheTemporaryNameIsNeverFollowed() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        String name = journalName(device, write(dir, "1.20.bin", image("1.20")));
        Path victim = write(dir, "victim.txt", "root-only".getBytes());
        Path journals = home.resolve("journals");
        Files.createSymbolicLink(journals.resolve("." + name + ".writing"), victim);
        CliRunner.Run cut = new CliRunner(home).run("flash", "--device", device + "&fault=powerloss@erase:5,seed=7",
                write(dir, "1.35.bin", image("1.35")).toString(), "--yes");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        assertThat(Files.readString(victim)).isEqualTo("root-only");
        assertThat(Files.isRegularFile(journals.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void aFifoPlantedAtTheTemporaryNameDoesNotHang() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        String name = journalName(device, write(dir, "1.20.bin", image("1.20")));
        Path fifo = home.resolve("journals").resolve("." + name + ".writing");
        mkfifo(fifo);
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        try {
            CliRunner.Run cut = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new CliRunner(home).run("flash",
                    "--device", device + "&fault=powerloss@erase:5,seed=7", v135.toString(), "--yes"));
            assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        } finally {
            unblock(fifo);
        }
    }

    @Test
    void aFifoOrLinkAtTheJournalsNameIsReportedNotOpened() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        String name = journalName(device, v120);
        Path journal = home.resolve("journals").resolve(name);
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        mkfifo(journal);
        try {
            for (List<String> args : List.of(List.of("flash", "--device", device, v135.toString(), "--yes"),
                    List.of("journal", "list"))) {
                CliRunner.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> new CliRunner(home).run(args.toArray(String[]::new)));
                assertThat(r.exitCode()).as(r.toString()).isIn(0, 2);
                assertThat(r.out() + r.err()).contains("not a regular file");
            }
        } finally {
            unblock(journal);
        }
        Files.delete(journal);
        Path elsewhere = write(dir, "elsewhere.json", "{\"not\": \"a journal\"}".getBytes());
        Files.createSymbolicLink(journal, elsewhere);
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", device, v135.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("not a regular file");
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
    }

    /** Opens the FIFO for both ends so a thread blocked on it (on the base commit) can go on. */
    private static void unblock(Path fifo) {
        Thread t = new Thread(() -> {
            try (var ch = java.nio.channels.FileChannel.open(fifo, java.nio.file.StandardOpenOption.READ)) {
                ch.read(java.nio.ByteBuffer.allocate(1 << 16));
            } catch (IOException ignored) {
                // nothing was waiting
            }
        });
        t.setDaemon(true);
        t.start();
        Thread w = new Thread(() -> {
            try (var ch = java.nio.channels.FileChannel.open(fifo, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[0]));
            } catch (IOException ignored) {
                // nothing was waiting
            }
        });
        w.setDaemon(true);
        w.start();
    }
}
