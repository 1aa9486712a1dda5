package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `odflash gui`: bad options are usage errors, a screenshot is never written over a file, the GUI refuses to
 * run as root, and `--screenshot` renders a screen of an emulated drive to a PNG under the display the test
 * command provides (scripts/with-display.sh; without one this fails, it does not skip).
 */
class GuiCommandTest {
    @TempDir
    Path home;

    @Test
    void badScreenThemeOrScaleIsAUsageError() {
        CliRunner cli = new CliRunner(home);
        CliRunner.Run r = cli.run("gui", "--screen", "nope", "--screenshot", home.resolve("a.png").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--screen nope: use one of drives, details, backup");
        assertThat(cli.run("gui", "--theme", "purple", "--screenshot", home.resolve("a.png").toString()).exitCode()).isEqualTo(2);
        assertThat(cli.run("gui", "--scale", "9", "--screenshot", home.resolve("a.png").toString()).exitCode()).isEqualTo(2);
        r = cli.run("gui", "--screenshot", home.resolve("no/such/dir/a.png").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("its directory does not exist");
    }

    @Test
    void aScreenshotNeverReplacesAFile() throws Exception {
        Path png = Files.writeString(home.resolve("taken.png"), "mine");
        CliRunner.Run r = new CliRunner(home).run("gui", "--screenshot", png.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("exists; odflash never overwrites a file");
        assertThat(Files.readString(png)).isEqualTo("mine");
    }

    @Test
    void theInteractiveGuiRefusesRoot() throws Exception {
        long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assertThat(GuiCommand.runsAsRoot()).isEqualTo(uid == 0);
        if (uid == 0) { // CI runs as root; as another user the window would open
            CliRunner.Run r = new CliRunner(home).run("gui");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("the GUI runs as your user, never as root");
        }
    }

    @Test
    void aScreenshotOfTheDetailsOfAnEmulatedDrive() throws Exception {
        Path png = home.resolve("details.png");
        CliRunner.Run r = new CliRunner(home).run("gui", "--screenshot", png.toString(), "--device",
                "emu:asus-crw-5224a?image=" + home.resolve("flash.bin"), "--screen", "details", "--scale", "2", "--theme", "dark");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("wrote " + png + " (details)");
        // the PNG's IHDR: width and height in device pixels (the CLI module reads no java.desktop itself)
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.wrap(Files.readAllBytes(png), 16, 8);
        assertThat(ihdr.getInt()).isEqualTo(2 * 1040);
        assertThat(ihdr.getInt()).isEqualTo(2 * 680);
    }

    /** The Recovery screen is a --screen name (rendered behind its warning, as the window opens it). */
    @Test
    void aScreenshotOfTheRecoveryScreen() throws Exception {
        Path png = home.resolve("recovery.png");
        CliRunner.Run r = new CliRunner(home).run("gui", "--screenshot", png.toString(), "--screen", "recovery");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("wrote " + png + " (recovery)");
        assertThat(Files.size(png)).isPositive();
    }
}
