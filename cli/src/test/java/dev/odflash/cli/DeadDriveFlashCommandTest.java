package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dead drive through the CLI: the register-level emulated CRW-5224A with its ATAPI side cut off ({@code
 * ?atapi=dead}, the stand-in for a port: form whose drive the kernel does not list). A device failure (exit 3) without --family,
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
    void withoutFamilyTheDeadDriveIsADeviceFailureWithExit3() {
        String dev = "emu:asus-crw-5224a?atapi=dead&image=" + dir.resolve("f.bin");
        CliRunner.Run r = run("info", "--device", dev);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("does not answer ATAPI").contains("--family mtk8051");
    }

    @Test
    void withFamilyInfoSaysDeadDriveAndTheModelFromTheFlash() {
        String dev = "emu:asus-crw-5224a?atapi=dead&image=" + dir.resolve("f.bin");
        CliRunner.Run r = run("info", "--device", dev, "--family", "mtk8051");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("CRW-5224A").contains("dead-drive vendor mode");
    }

    @Test
    void withFamilyAFlashTakesTheTwoPassBackupFirstAndWrites120Verified() throws Exception {
        Path flash = FlashFixtures.write(dir, "flash.bin", FlashFixtures.image("1.10"));
        Path v120 = FlashFixtures.write(dir, "1.20.bin", FlashFixtures.image("1.20"));
        String dev = "emu:asus-crw-5224a?atapi=dead&image=" + flash;
        CliRunner.Run r = run("flash", "--device", dev, "--family", "mtk8051", v120.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("backupFile").asText()).isNotEmpty();
        byte[] backup = Files.readAllBytes(Path.of(r.json().path("backupFile").asText()));
        assertThat(backup).isEqualTo(FlashFixtures.image("1.10"));
        assertThat(Files.readAllBytes(flash)).isEqualTo(FlashFixtures.image("1.20"));
    }

    @Test
    void aBackupFileInPlaceOfTheTwoPassReadIsRefusedAndNothingIsWritten() throws Exception {
        Path flash = FlashFixtures.write(dir, "flash.bin", FlashFixtures.image("1.10"));
        Path v120 = FlashFixtures.write(dir, "1.20.bin", FlashFixtures.image("1.20"));
        Path own = FlashFixtures.write(dir, "own.bin", FlashFixtures.image("1.10"));
        String dev = "emu:asus-crw-5224a?atapi=dead&image=" + flash;
        CliRunner.Run r = run("flash", "--device", dev, "--family", "mtk8051", v120.toString(), "--backup",
                own.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("two-pass vendor-mode backup taken in this run");
        assertThat(Files.readAllBytes(flash)).isEqualTo(FlashFixtures.image("1.10"));
    }

    @Test
    void aPowerCutFlashOfTheDeadDriveResumesFromItsJournalAndEndsVerified() throws Exception {
        Path flash = FlashFixtures.write(dir, "flash.bin", FlashFixtures.image("1.10"));
        Path v120 = FlashFixtures.write(dir, "1.20.bin", FlashFixtures.image("1.20"));
        String dev = "emu:asus-crw-5224a?atapi=dead&image=" + flash;
        CliRunner.Run cut = run("flash", "--device", dev + "&fault=powerloss@erase:5,seed=7", "--family", "mtk8051",
                v120.toString(), "--yes");
        assertThat(cut.exitCode()).as(cut.toString()).isNotZero();
        assertThat(Files.readAllBytes(flash)).isNotEqualTo(FlashFixtures.image("1.20"));
        CliRunner.Run resumed = run("flash", "--device", dev, "--family", "mtk8051", v120.toString(), "--yes", "--json");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.json().path("resumed").asBoolean()).isTrue();
        assertThat(resumed.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(FlashFixtures.image("1.20"));
    }
}
