package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `identify` does not call an image "valid" when its layout cannot tell damage inside the code: it says
 * the structure is valid, that the layout has no checksum, its SHA-256, and whether a backup or a
 * built-in image is byte for byte this file.
 */
class IdentifyIntegrityTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void garbageMidBankIsStructureValidOnlyAndMatchesNothing() {
        byte[] damaged = image("1.10");
        for (int i = 0; i < 256; i++) {
            damaged[0x28000 + i] = (byte) (0x5A ^ i);
        }
        Path file = write(dir, "damaged.bin", damaged);
        CliRunner.Run r = new CliRunner(home).run("identify", file.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Verdict: structure valid; this layout carries no checksum, so damage inside"
                + " the code cannot be detected").doesNotContain("Verdict: valid image")
                .contains("no backup in the library and no built-in image has sha256 " + dev.odflash.bytes.Sha256.hex(damaged));

        CliRunner.Run json = new CliRunner(home).run("identify", file.toString(), "--json");
        assertThat(json.json().path("checksummed").asBoolean(true)).isFalse();
        assertThat(json.json().path("matches").size()).isZero();
    }

    @Test
    void anIntactFileIsNamedByTheBuiltInImageAndTheBackupItEquals() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        CliRunner cli = new CliRunner(home);
        CliRunner.Run builtIn = cli.run("identify", flash.toString());
        assertThat(builtIn.out()).as(builtIn.toString())
                .contains("Matches:   the built-in synthetic firmware 1.10 of emu:asus-crw-5224a");

        CliRunner.Run backup = cli.run("backup", "--device", "emu:asus-crw-5224a?image=" + flash, "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        CliRunner.Run both = cli.run("identify", flash.toString(), "--json");
        assertThat(both.json().path("matches").findValuesAsText("kind")).containsExactlyInAnyOrder("backup", "built-in");
        assertThat(cli.run("identify", flash.toString()).out()).contains("Matches:   backup ");
    }

    /** A layout with a checksum over its code keeps the plain verdict. */
    @Test
    void aChecksummedLayoutIsAValidImage() throws Exception {
        Path mt1939 = DownloadRuns.image(dir, "samsung-se506cb", "TS01");
        CliRunner.Run r = new CliRunner(home).run("identify", mt1939.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Verdict: valid image\n").contains("Matches:   the built-in synthetic firmware TS01");
    }
}
