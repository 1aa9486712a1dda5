package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The user story: back up, flash, be interrupted, see status, resume, finish verified. */
class FlashResumeTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void interruptedFlashIsDescribedByStatusAndResumedByTheSameCommand() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner cli = new CliRunner(home);

        CliRunner.Run before = cli.run("status", "--device", device, "--json");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.json().path("matchesKnownImage").asText()).isEqualTo("synthetic firmware 1.10");

        // power is lost during the 5th erase that reaches the chip: the block is left partly erased
        CliRunner.Run cut = cli.run("flash", "--device", device + "&fault=powerloss@erase:5,seed=7", v120.toString(), "--yes");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        // the same command, to paste (core names the step, the CLI spells it)
        assertThat(cut.err()).contains("journal is kept").contains("run `odflash flash --device '" + device
                + "&fault=powerloss@erase:5,seed=7' " + v120 + " --yes` to resume");
        assertThat(Files.readAllBytes(flash)).isNotEqualTo(image("1.10")).isNotEqualTo(image("1.20"));

        CliRunner.Run status = cli.run("status", "--device", device, "--json");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(5);
        JsonNode pending = status.json().path("pendingFlash");
        assertThat(pending.path("toVersion").asText()).isEqualTo("1.20");
        assertThat(pending.path("banks").size()).isEqualTo(8);
        assertThat(pending.path("banks").toString()).contains("\"neither\"");
        assertThat(status.json().path("bootIntact").asBoolean()).isTrue();
        CliRunner.Run human = cli.run("status", "--device", device);
        assertThat(human.out()).contains("PENDING").contains("NEITHER (partly written)").contains("To finish");

        CliRunner.Run resumed = cli.run("flash", "--device", device, v120.toString(), "--yes", "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.json().path("resumed").asBoolean()).isTrue();
        assertThat(resumed.json().path("verified").asBoolean()).isTrue();
        assertThat(resumed.json().path("fromVersion").asText()).isEqualTo("1.10");
        assertThat(resumed.json().path("emulator").path("violations").asLong()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));

        CliRunner.Run after = cli.run("status", "--device", device, "--json");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.json().path("pendingFlash").isNull()).isTrue();
        assertThat(after.json().path("matchesKnownImage").asText()).isEqualTo("synthetic firmware 1.20");
        assertThat(after.json().path("bootIntact").asBoolean()).as("checked against the 1.10 backup's boot region").isTrue();
        assertThat(after.json().path("wouldBoot").asBoolean()).isTrue();
    }

    @Test
    void aPendingFlashBlocksOtherImagesButAllowsTheRestore() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner cli = new CliRunner(home);
        CliRunner.Run cut = cli.run("flash", "--device", device + "&fault=powerloss@program:40,seed=3", v120.toString(),
                "--yes", "--json");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        CliRunner.Run other = cli.run("flash", "--device", device, v135.toString(), "--yes");
        assertThat(other.exitCode()).isEqualTo(4);
        assertThat(other.err()).contains("interrupted");
        Path backup;
        try (var files = Files.walk(home.resolve("backups"))) {
            backup = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        CliRunner.Run restore = cli.run("flash", "--device", device, backup.toString(), "--yes", "--json");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        assertThat(cli.run("status", "--device", device).exitCode()).isZero();
    }

    @Test
    void verifyListsTheDifferingRanges() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner cli = new CliRunner(home);
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner.Run same = cli.run("verify", "--device", device, flash.toString());
        assertThat(same.exitCode()).as(same.toString()).isZero();
        CliRunner.Run diff = cli.run("verify", "--device", device, v120.toString(), "--json");
        assertThat(diff.exitCode()).isEqualTo(5);
        JsonNode mismatch = diff.json().path("error").path("mismatch");
        assertThat(mismatch.path("ranges").size()).as(diff.toString()).isPositive();
        assertThat(mismatch.path("firstOffset").asLong()).isGreaterThanOrEqualTo(0x4000);
    }
}
