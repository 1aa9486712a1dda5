package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dead drive through the CLI: the register-level emulated CRW-5224A with its ATAPI side cut off ({@code
 * ?atapi=dead}, the stand-in for a port: form whose drive the kernel does not list). Refused without --family,
 * accepted with it: info, then a flash that takes its two-pass backup first.
 */
class DeadDriveFlashCommandTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private CliRunner.Run run(String... args) {
        return new CliRunner(home).run(args);
    }

    @Test
    void withoutFamilyTheDeadDriveIsRefusedWithExit4() {
        String dev = "emu:asus-crw-5224a?atapi=dead&image=" + dir.resolve("f.bin");
        CliRunner.Run r = run("info", "--device", dev);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("does not answer ATAPI").contains("--family mtk8051");
    }

    @Test
    void withFamilyInfoSaysDeadDriveAndTheModelFromTheFlash() {
        String dev = "emu:asus-crw-5224a?atapi=dead&image=" + dir.resolve("f.bin");
        CliRunner.Run r = run("info", "--device", dev, "--family", "mtk8051");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("CRW-5224A").contains("dead-drive vendor mode");
    }
}
