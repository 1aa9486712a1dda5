package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * identify --device reports the gates flash applies without flags (it has no --without-backup): on a
 * family with no read path flash refuses without --without-backup, so identify refuses too (exit 4)
 * and names the flag, while the file's own gates still pass.
 */
class IdentifyBackupGateTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"btc-drw1008,0058", "tsst-ts-h353c,SB02"})
    void aFamilyWithNoReadPathIsRefusedAsFlashWithoutTheFlagIs(String profile, String version) throws IOException {
        Path img = dir.resolve(profile + ".bin");
        Files.write(img, DownloadFirmware.image(EmulatorProfiles.byName(profile).orElseThrow(), version));
        String device = "emu:" + profile;
        CliRunner cli = new CliRunner(home);
        CliRunner.Run id = cli.run("identify", img.toString(), "--device", device, "--json");
        assertThat(id.exitCode()).as(id.toString()).isEqualTo(4);
        JsonNode backup = null;
        for (JsonNode g : id.json().path("device").path("gates")) {
            if (g.path("name").asText().equals("backup")) {
                backup = g;
            } else {
                assertThat(g.path("passed").asBoolean()).as(g.toString()).isTrue();
            }
        }
        assertThat(backup).as(id.toString()).isNotNull();
        assertThat(backup.path("passed").asBoolean()).isFalse();
        assertThat(backup.path("message").asText()).contains("--without-backup").contains("no read path");
        CliRunner.Run text = cli.run("identify", img.toString(), "--device", device);
        assertThat(text.out()).contains("[REFUSE] backup").doesNotContain("Verdict: valid image\n");
        // what flash does without the flag, and with it
        CliRunner.Run flash = cli.run("flash", "--device", device, img.toString(), "--dry-run");
        assertThat(flash.exitCode()).as(flash.toString()).isEqualTo(4);
        assertThat(flash.err()).contains("--without-backup");
        assertThat(cli.run("flash", "--device", device, img.toString(), "--dry-run", "--without-backup").exitCode())
                .isZero();
    }
}
