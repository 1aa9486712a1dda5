package dev.odflash.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 10 §5: every input file is a regular file read with a bound. A FIFO (made by mkfifo: opening it for reading
 * blocks until a writer appears), /dev/zero (never ends) and a directory are refused at once with exit 2 wherever a
 * file is read: firmware, updaters, --backup, --chip-db, --key and replay: traces. Each run is bounded by a timeout
 * so a hang fails the test instead of stopping the build.
 */
class HostileInputFilesTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path fifo;
    private Path firmware;
    private Path flash;
    private String device;

    @BeforeEach
    void setUp() throws Exception {
        fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mkfifo (coreutils)").isZero();
        firmware = dir.resolve("fw120.bin");
        flash = dir.resolve("flash.bin");
        device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner.Run made = cli().run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.20",
                "-o", firmware.toString());
        assertThat(made.exitCode()).as(made.toString()).isZero();
        assertThat(cli().run("info", "--device", device).exitCode()).isZero(); // creates the emulated flash as 1.10
    }

    private CliRunner cli() {
        return new CliRunner(home);
    }

    private CliRunner.Run bounded(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> cli().run(args), () -> "hung: " + String.join(" ", args));
    }

    /** What is wrong with one run against a bad input ("" when nothing): a hang, the exit code, the message. */
    private String problem(String[] args, String kind) {
        CliRunner.Run r;
        try {
            r = bounded(args);
        } catch (AssertionError e) {
            return String.join(" ", args) + ": " + e.getMessage();
        }
        if (r.exitCode() != 2) {
            return String.join(" ", args) + ": exit " + r.exitCode() + ", not 2: " + r.err().strip();
        }
        if (!r.err().contains(kind) || !r.err().contains("not a regular file") || r.err().contains("Exception")) {
            return String.join(" ", args) + ": says " + r.err().strip();
        }
        return "";
    }

    /** Every place a file is read, with the file under test in place of {@code %}. */
    private List<String[]> everyInput(String bad) {
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[]{"identify", bad});
        runs.add(new String[]{"identify", firmware.toString(), "--key", bad});
        runs.add(new String[]{"convert", bad, "-o", dir.resolve("out.bin").toString()});
        runs.add(new String[]{"extract", bad, "-o", dir.resolve("out").toString()});
        runs.add(new String[]{"verify", "--device", device, bad});
        runs.add(new String[]{"flash", "--device", device, bad, "--dry-run"});
        runs.add(new String[]{"flash", "--device", device, firmware.toString(), "--backup", bad, "--yes"});
        runs.add(new String[]{"--chip-db", bad, "chips"});
        runs.add(new String[]{"info", "--device", "replay:" + bad});
        return runs;
    }

    private void allRefusedAsUsage(String bad, String kind) throws IOException {
        byte[] before = Files.readAllBytes(flash);
        List<String> problems = new ArrayList<>();
        for (String[] args : everyInput(bad)) {
            String p = problem(args, kind);
            if (!p.isEmpty()) {
                problems.add(p);
            }
        }
        assertThat(problems).as("every input refuses " + bad + " at once with exit 2").isEmpty();
        assertThat(Files.readAllBytes(flash)).as("the emulated flash is untouched").isEqualTo(before);
        assertThat(dir.resolve("out.bin")).doesNotExist();
    }

    @Test
    void aFifoIsRefusedAtOnceEverywhere() throws IOException {
        allRefusedAsUsage(fifo.toString(), "a FIFO");
    }

    @Test
    void devZeroIsRefusedAtOnceEverywhere() throws IOException {
        allRefusedAsUsage("/dev/zero", "a character device");
    }

    @Test
    void aDirectoryIsRefusedEverywhere() throws IOException {
        Path d = Files.createDirectory(dir.resolve("adir"));
        allRefusedAsUsage(d.toString(), "a directory");
    }

    @Test
    void aLinkToARegularFileIsRead() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), firmware);
        CliRunner.Run r = bounded("identify", link.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path toFifo = Files.createSymbolicLink(dir.resolve("link-fifo"), fifo);
        CliRunner.Run f = bounded("identify", toFifo.toString());
        assertThat(f.exitCode()).as(f.toString()).isEqualTo(2);
        assertThat(f.err()).contains("a FIFO");
    }

    @Test
    void aFirmwareFileLargerThanTheLargestFlashIsRefusedUnread() throws IOException {
        // one byte more than the largest part in the built-in table that odflash handles (16 MiB since the W25Q128FV
        // row; the 32 MiB W25Q256FV is refused) and the largest download layout (2 MiB)
        long largest = Math.max(2 << 20, dev.odflash.chip.ChipTable.builtIn().all().stream()
                .filter(c -> c.refusal().isEmpty()).mapToLong(dev.odflash.chip.ChipSpec::size).max().orElse(0));
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[(int) largest + 1]);
        CliRunner.Run r = bounded("identify", big.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("larger than");
    }

    @Test
    void aBackupLargerThanTheChipIsRefusedBeforeAnyWrite() throws IOException {
        byte[] before = Files.readAllBytes(flash);
        Path big = dir.resolve("backup.bin");
        Files.write(big, new byte[before.length + 1]);
        CliRunner.Run r = bounded("flash", "--device", device, firmware.toString(), "--backup", big.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("--backup").contains("larger than " + before.length + " bytes");
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
    }

    @Test
    void aChipDbAndAKeyFileAreBounded() throws IOException {
        Path db = dir.resolve("big.json");
        Files.write(db, new byte[(4 << 20) + 1]);
        CliRunner.Run r = bounded("--chip-db", db.toString(), "chips");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("--chip-db").contains("4 MiB");
        Path key = dir.resolve("key");
        Files.write(key, new byte[4096]);
        CliRunner.Run k = bounded("identify", firmware.toString(), "--key", key.toString());
        assertThat(k.exitCode()).as(k.toString()).isEqualTo(4);
        assertThat(k.err()).contains("--key");
    }
}
