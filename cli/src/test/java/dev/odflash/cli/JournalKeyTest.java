package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.noWriteCommand;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §4: a journal finds its drive however its path is spelt, and a journal of another unit
 * of the model (or of this unit on another path) blocks other images but never authorises a resume
 * until `journal adopt` shows it is the same unit. Every refusal leaves the emulated chip untouched.
 */
class JournalKeyTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(home);
    }

    private void interrupt(String device, Path target) {
        FlashFixtures.interruptedFlash(cli(), device, target);
    }

    /** The run is refused (exit 4), and the drive's file and its chip saw no erase or program. */
    private CliRunner.Run refusedWithoutWrites(Path flash, String... args) throws IOException {
        Path trace = dir.resolve("trace-" + System.nanoTime() + ".jsonl");
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--trace";
        all[args.length + 1] = trace.toString();
        byte[] before = Files.readAllBytes(flash);
        CliRunner.Run r = cli().run(all);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(noWriteCommand(trace)).as("the emulator saw no erase or program").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
        assertThat(r.err()).doesNotContain("Exception");
        return r;
    }

    /** Runs with a terminal a person answers {@code answer} on. */
    private CliRunner.Run onTerminal(String answer, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), true);
        int code = Cli.run(args, t, Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()));
        return new CliRunner.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void relativeDotAndAbsoluteSpellingsOfTheImageAreOneDrive() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        Path relative = Path.of("").toAbsolutePath().relativize(flash);
        interrupt("emu:asus-crw-5224a?image=" + relative, v120);

        CliRunner.Run other = refusedWithoutWrites(flash, "flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                v135.toString(), "--yes");
        assertThat(other.err()).contains("interrupted on this drive");
        CliRunner.Run status = cli().run("status", "--device", "emu:asus-crw-5224a?image=./" + relative, "--json");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(5);
        assertThat(status.json().path("pendingFlash").path("toVersion").asText()).isEqualTo("1.20");

        CliRunner.Run resumed = cli().run("flash", "--device", "emu:asus-crw-5224a?image=./" + relative, v120.toString(),
                "--yes", "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.json().path("resumed").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
        assertThat(cli().run("journal", "list", "--json").json().path("journals").size()).isZero();
    }

    @Test
    void aJournalOfAnotherPathBlocksOtherImagesUntilAdoptedThenResumes() throws IOException {
        Path first = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        interrupt("emu:asus-crw-5224a?image=" + first, v120);
        // the same half-written unit, now reached by another path
        Path moved = dir.resolve("moved.bin");
        Files.copy(first, moved);
        String device = "emu:asus-crw-5224a?image=" + moved;

        CliRunner.Run list = cli().run("journal", "list", "--json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        JsonNode j = list.json().path("journals").get(0);
        assertThat(j.path("keyBasis").asText()).isEqualTo("path");
        assertThat(j.path("keyValue").asText()).isEqualTo(first.toRealPath().toString());
        assertThat(j.path("fromVersion").asText()).isEqualTo("1.10");
        assertThat(j.path("toVersion").asText()).isEqualTo("1.20");
        assertThat(j.path("banks").size()).isPositive();
        String key = j.path("key").asText();
        assertThat(cli().run("journal", "list").out()).contains(key).contains("1.10 -> 1.20");

        CliRunner.Run blocked = refusedWithoutWrites(moved, "flash", "--device", device, v135.toString(), "--yes");
        assertThat(blocked.err()).contains(key).contains("journal adopt --device").contains("journal discard");

        CliRunner.Run adopt = cli().run("journal", "adopt", "--device", device, "--json");
        assertThat(adopt.exitCode()).as(adopt.toString()).isZero();
        assertThat(adopt.json().path("adopted").asText()).isEqualTo(key);
        assertThat(adopt.json().path("banks").toString()).contains("neither");

        CliRunner.Run resumed = cli().run("flash", "--device", device, v120.toString(), "--yes", "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.json().path("resumed").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(moved)).isEqualTo(image("1.20"));
        assertThat(cli().run("journal", "list", "--json").json().path("journals").size()).isZero();
    }

    @Test
    void theTargetImageOnAnotherPathIsNotAResume() throws IOException {
        Path first = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        interrupt("emu:asus-crw-5224a?image=" + first, v120);
        Path other = write(dir, "other.bin", image("1.10"));
        CliRunner.Run r = cli().run("flash", "--device", "emu:asus-crw-5224a?image=" + other, v120.toString(),
                "--dry-run", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("fromVersion").asText()).isEqualTo("1.10");
        // the drive's own run: gates as for a fresh flash (here the version gate refuses a reinstall)
        Path same = write(dir, "same.bin", image("1.20"));
        Path v = write(dir, "again.bin", image("1.20"));
        CliRunner.Run reinstall = refusedWithoutWrites(same, "flash", "--device", "emu:asus-crw-5224a?image=" + same,
                v.toString(), "--yes");
        assertThat(reinstall.err()).contains("--allow-reinstall");
    }

    @Test
    void adoptRefusesADriveWhoseContentsRuleItOut() throws IOException {
        Path first = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        interrupt("emu:asus-crw-5224a?image=" + first, v120);
        // another unit of the model whose flash holds something else in every bank (here: 1.35 scrambled)
        byte[] b = image("1.35");
        for (int off = 0x4000; off < b.length; off += 0x1000) {
            b[off + 0x123] ^= 0x5A;
        }
        Path unlike = write(dir, "unlike.bin", b);
        CliRunner.Run adopt = refusedWithoutWrites(unlike, "journal", "adopt", "--device", "emu:asus-crw-5224a?image=" + unlike);
        assertThat(adopt.err()).contains("adopt refused").contains("not the drive of journal");
        assertThat(cli().run("journal", "list", "--json").json().path("journals").size()).isEqualTo(1);
        CliRunner.Run stillBlocked = refusedWithoutWrites(unlike, "flash", "--device", "emu:asus-crw-5224a?image=" + unlike,
                write(dir, "1.35.bin", image("1.35")).toString(), "--yes", "--allow-older");
        assertThat(stillBlocked.err()).contains("journal adopt");
    }

    @Test
    void discardAsksOrTakesYesAndRefusesWithoutATerminal() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        interrupt("emu:asus-crw-5224a?image=" + flash, v120);
        String key = cli().run("journal", "list", "--json").json().path("journals").get(0).path("key").asText();

        CliRunner.Run noTerminal = cli().run("journal", "discard", key);
        assertThat(noTerminal.exitCode()).as(noTerminal.toString()).isEqualTo(4);
        assertThat(noTerminal.err()).contains("--yes");
        assertThat(onTerminal("no\n", "journal", "discard", key).exitCode()).isEqualTo(4);
        assertThat(cli().run("journal", "list", "--json").json().path("journals").size()).isEqualTo(1);
        assertThat(cli().run("journal", "discard", "../../etc/passwd", "--yes").exitCode()).isEqualTo(2);
        assertThat(cli().run("journal", "discard", "NO_SUCH_0123456789abcdef", "--yes").exitCode()).isEqualTo(2);

        CliRunner.Run yes = onTerminal("yes\n", "journal", "discard", key);
        assertThat(yes.exitCode()).as(yes.toString()).isZero();
        assertThat(cli().run("journal", "list", "--json").json().path("journals").size()).isZero();
        // without the journal the other image is an ordinary flash again
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        CliRunner.Run flash135 = cli().run("flash", "--device", "emu:asus-crw-5224a?image=" + flash, v135.toString(),
                "--yes", "--allow-older", "--allow-reinstall");
        assertThat(flash135.exitCode()).as(flash135.toString()).isZero();
    }

    @Test
    void everyJournalCommandHasHelpWithExitCodes() {
        for (String sub : new String[] {"list", "adopt", "discard"}) {
            CliRunner.Run h = cli().run("journal", sub, "--help");
            assertThat(h.exitCode()).isZero();
            assertThat(h.out()).contains("Exit codes");
        }
    }
}
