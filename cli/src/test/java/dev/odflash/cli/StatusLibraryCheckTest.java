package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** `status` never vouches for a library file it did not check (docs/architecture.md "Safety rules", rule 2). */
class StatusLibraryCheckTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private String device;
    private CliRunner cli;
    private Path backup;

    /** A valid image no known image names, so only a backup can make the verdict "intact". */
    static byte[] unknownImage() {
        byte[] b = image("1.10");
        b[0x7F000] ^= 0x5A; // padding near the end: still a valid image, no longer the synthetic 1.10
        return b;
    }

    @BeforeEach
    void backedUp() {
        device = "emu:asus-crw-5224a?image=" + write(dir, "flash.bin", unknownImage());
        cli = new CliRunner(home);
        CliRunner.Run b = cli.run("backup", "--device", device, "--json");
        assertThat(b.exitCode()).as(b.toString()).isZero();
        backup = Path.of(b.json().path("file").asText());
        CliRunner.Run s = cli.run("status", "--device", device);
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.out()).contains("Matches backup " + backup).contains("Verdict: intact");
    }

    private void assertDamaged(String why) {
        CliRunner.Run json = cli.run("status", "--device", device, "--json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(5);
        JsonNode j = json.json();
        assertThat(j.path("matchesBackups").size()).as(json.toString()).isZero();
        assertThat(j.path("intact").asBoolean()).isFalse();
        assertThat(j.path("libraryIssues").toString()).contains("\"problem\":\"damaged\"").contains(backup.toString());
        CliRunner.Run text = cli.run("status", "--device", device);
        assertThat(text.exitCode()).isEqualTo(5);
        assertThat(text.out()).doesNotContain("Matches backup").doesNotContain("Verdict: intact")
                .contains("Damaged backup " + backup).contains(why);
    }

    @Test
    void aTruncatedLibraryImageIsADamagedBackupNeverAMatch() throws IOException {
        Files.write(backup, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        assertDamaged("short: 0 bytes");
    }

    @Test
    void aChangedLibraryImageIsADamagedBackupEvenAfterItsHashWasCached() throws IOException {
        byte[] b = Files.readAllBytes(backup);
        b[0x1000] ^= 1;
        Files.write(backup, b);
        Files.setLastModifiedTime(backup, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertDamaged("no longer match");
    }

    @Test
    void aDamagedSidecarIsADamagedBackup() throws IOException {
        Files.writeString(Path.of(backup + ".json"), "{\"sha256\": 12");
        assertDamaged("damaged sidecar");
    }

    @Test
    void aMissingImageIsAnUnfinishedBackupAndAnImageWithoutSidecarIsNotABackup() throws IOException {
        Path lone = backup.resolveSibling("copied-by-hand.bin");
        Files.copy(backup, lone);
        Files.delete(backup);
        CliRunner.Run r = cli.run("status", "--device", device, "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.json().path("matchesBackups").size()).isZero();
        String issues = r.json().path("libraryIssues").toString();
        assertThat(issues).contains("unfinished-publish").contains("no-sidecar").contains(lone.toString());
        CliRunner.Run text = cli.run("status", "--device", device);
        assertThat(text.out()).contains("Unfinished backup " + backup).contains("Not a backup " + lone);
        assertThat(Files.readAllBytes(lone)).as("an image without a sidecar is never deleted").hasSize(512 * 1024);
    }
}
