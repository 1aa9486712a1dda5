package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code intro=window}: the emulated drive takes the intro only within the first second after power is applied
 * (docs/protocols.md §2.6.2). With a terminal the CLI asks for a power cycle and the engine keeps sending the intro
 * (the emulator plays the user); without one the run ends with exit 3 and the instruction.
 */
class VendorModeWindowTest {
    @TempDir
    Path dir;

    @Test
    void withATerminalTheUserIsAskedToPowerCycleAndTheFlashVerifies() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path target = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = new CliRunner(dir.resolve("home")).runInteractive("", "flash", "--device",
                "emu:asus-crw-5224a?intro=window&image=" + flash, target.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Power-cycle the drive now").contains("200 s");
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
    }

    @Test
    void withoutATerminalTheRunEndsWithExit3AndTheInstruction() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path target = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device",
                "emu:asus-crw-5224a?intro=window&image=" + flash, target.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("power-cycle the drive").doesNotContain("Power-cycle the drive now");
    }

    @Test
    void theFirstIntroAfterOpeningIsInsideTheWindow() {
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("info", "--device", "emu:asus-crw-5224a?intro=window",
                "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("SST39SF040");
    }
}
