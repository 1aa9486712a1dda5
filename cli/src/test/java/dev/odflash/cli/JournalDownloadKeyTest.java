package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §4 for the download pipeline: it reads its journal with the same rule as chip-style
 * flashing. Units with a serial are keyed by it (the same unit under another image path is the same
 * drive; another unit is not); a family without a read path is adopted only by identity plus a
 * confirmation on a terminal.
 */
class JournalDownloadKeyTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Path image(String profile, String version) throws IOException {
        return DownloadRuns.image(dir, profile, version);
    }

    private CliRunner.Run refusedWithoutDownload(String... args) throws IOException {
        return DownloadRuns.refusedWithoutDownload(home, dir, args);
    }

    private int journals() {
        return new CliRunner(home).run("journal", "list", "--json").json().path("journals").size();
    }

    /** A download cut by a power loss at SCSI command {@code n}: a journal is left. */
    private void interrupt(String device, Path img, int n, String... extra) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("flash", "--device",
                device + "&fault=powerloss@cmd:" + n, img.toString(), "--yes"), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        CliRunner.Run cut = new CliRunner(home).run(args);
        assertThat(cut.exitCode()).as(cut.toString()).isIn(3, 5);
        assertThat(journals()).as(cut.toString()).isEqualTo(1);
    }

    /** The SCSI command number of the middle WRITE BUFFER of a clean run (on a scratch home and drive). */
    private int middleOfTheDownload(String profile, Path img) throws IOException {
        Path trace = dir.resolve("clean.jsonl");
        Path scratch = Files.createTempDirectory(dir, "scratch");
        CliRunner.Run r = new CliRunner(scratch).run("flash", "--device", "emu:" + profile, img.toString(), "--yes",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        java.util.List<String> cdbs = Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).toList();
        java.util.List<Integer> writes = new java.util.ArrayList<>();
        for (int i = 0; i < cdbs.size(); i++) {
            if (cdbs.get(i).contains("\"cdb\":\"3b") || cdbs.get(i).contains("\"cdb\": \"3b")) {
                writes.add(i + 1);
            }
        }
        assertThat(writes).isNotEmpty();
        return writes.get(writes.size() / 2);
    }

    @Test
    void aUnitIsKeyedByItsSerialAndAnotherUnitOfTheModelIsBlockedNotResumed() throws IOException {
        Path a = dir.resolve("a.bin");
        Path v310 = image("asus-bw16d1ht", "3.10");
        Path v302 = image("asus-bw16d1ht", "3.02");
        interrupt("emu:asus-bw16d1ht?unit=A&image=" + a, v310, middleOfTheDownload("asus-bw16d1ht", v310));
        String json = new CliRunner(home).run("journal", "list", "--json").out();
        assertThat(json).contains("\"keyBasis\" : \"serial\"");

        // unit A under another image path: the same drive by its serial
        Path aElsewhere = dir.resolve("a-copy.bin");
        Files.copy(a, aElsewhere);
        CliRunner.Run own = refusedWithoutDownload("flash", "--device", "emu:asus-bw16d1ht?unit=A&image=" + aElsewhere,
                v302.toString(), "--yes", "--allow-older");
        assertThat(own.err()).contains("interrupted on this drive");
        // unit B: another serial of the model, blocked with the journal named, and never a resume
        CliRunner.Run other = refusedWithoutDownload("flash", "--device", "emu:asus-bw16d1ht?unit=B", v302.toString(),
                "--yes", "--allow-older");
        assertThat(other.err()).contains("journal adopt --device").contains("journal discard");

        CliRunner.Run finish = new CliRunner(home).run("flash", "--device", "emu:asus-bw16d1ht?unit=A&image=" + aElsewhere,
                v310.toString(), "--yes", "--json");
        assertThat(finish.exitCode()).as(finish.toString()).isZero();
        assertThat(journals()).isZero();
    }

    @Test
    void aFamilyWithoutReadPathIsAdoptedOnlyWithAConfirmationOnATerminal() throws IOException {
        Path a = dir.resolve("tsst.bin");
        Path sb02 = image("tsst-ts-h353c", "SB02");
        interrupt("emu:tsst-ts-h353c?image=" + a, sb02, 8, "--without-backup");
        Path b = dir.resolve("tsst-moved.bin");
        Files.copy(a, b);
        String device = "emu:tsst-ts-h353c?image=" + b;
        CliRunner.Run blocked = refusedWithoutDownload("flash", "--device", device, image("tsst-ts-h353c", "SB04").toString(),
                "--yes", "--without-backup");
        assertThat(blocked.err()).contains("journal adopt");

        CliRunner.Run noTerminal = refusedWithoutDownload("journal", "adopt", "--device", device);
        assertThat(noTerminal.err()).contains("no terminal");
        assertThat(journals()).isEqualTo(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), new ByteArrayInputStream("yes\n".getBytes(StandardCharsets.UTF_8)), true);
        int code = Cli.run(new String[] {"journal", "adopt", "--device", device}, t,
                Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("same unit");

        CliRunner.Run finish = new CliRunner(home).run("flash", "--device", device, sb02.toString(), "--yes",
                "--without-backup", "--json");
        assertThat(finish.exitCode()).as(finish.toString()).isZero();
        assertThat(journals()).isZero();
    }
}
