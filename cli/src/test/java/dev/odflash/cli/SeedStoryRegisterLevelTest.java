package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed thread's story on the register-level CRW-5224A (docs/protocols.md §2.6): a part that takes only the
 * 0x555/0x2AA unlock pair, so the first autoselect reads the array's bytes ("Unknown Flash Memory") and the retry with
 * the other pair identifies it; then backup, status, flash 1.10 to 1.20, a power cut, status, resume, downgrade.
 */
class SeedStoryRegisterLevelTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void theSeedStoryPassesOnTheRegisterLevelDrive() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path v110 = write(dir, "1.10.bin", image("1.10"));
        String device = "emu:asus-crw-5224a?unlock=555&image=" + flash;
        CliRunner cli = new CliRunner(home);

        CliRunner.Run info = cli.run("info", "--device", device, "--json");
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).as("identified after the retry with the other unlock pair").contains("SST39SF040");

        Path backup = dir.resolve("backup.bin");
        CliRunner.Run b = cli.run("backup", "--device", device, "-o", backup.toString());
        assertThat(b.exitCode()).as(b.toString()).isZero();
        assertThat(Files.readAllBytes(backup)).isEqualTo(image("1.10"));

        CliRunner.Run before = cli.run("status", "--device", device, "--json");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.json().path("matchesKnownImage").asText()).isEqualTo("synthetic firmware 1.10");

        CliRunner.Run cut = cli.run("flash", "--device", device + "&fault=powerloss@erase:3,seed=7", v120.toString(), "--yes");
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(3);
        assertThat(cut.err()).contains("the journal is kept: run `odflash flash --device").contains("to resume");

        CliRunner.Run pending = cli.run("status", "--device", device, "--json");
        assertThat(pending.exitCode()).as(pending.toString()).isEqualTo(5);
        assertThat(pending.json().path("pendingFlash").path("toVersion").asText()).isEqualTo("1.20");

        CliRunner.Run resumed = cli.run("flash", "--device", device, v120.toString(), "--yes", "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.json().path("resumed").asBoolean()).isTrue();
        assertThat(resumed.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));

        CliRunner.Run refused = cli.run("flash", "--device", device, v110.toString(), "--yes");
        assertThat(refused.exitCode()).as("a downgrade needs --allow-older").isEqualTo(4);
        CliRunner.Run down = cli.run("flash", "--device", device, v110.toString(), "--yes", "--allow-older", "--json");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));

        JsonNode after = cli.run("status", "--device", device, "--json").json();
        assertThat(after.path("matchesKnownImage").asText()).isEqualTo("synthetic firmware 1.10");
    }

    @Test
    void aPartNeitherPairIdentifiesIsReadButNeverWritten() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path stats = dir.resolve("stats.json");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?chip=unknown&image=" + flash
                + "&stats=" + stats, v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("unknown flash chip");
        assertThat(EmulatorCountersFile.counter(stats, "writeCommands")).isZero();
    }
}
