package dev.odflash.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clip's write-protection gate end to end (issue 15 §1). The dummy's only part with protection, the 16 MiB
 * W25Q128FV, fits no odflash layout, so the fit gates refuse before protection is looked at; here odflash's fault
 * decorator makes the CRW-5224A's SST25VF040 report hardware protection of a range ({@code odflash_fault=wp:}),
 * refusing any write into it as a locked chip would. Each run is a child JVM (one libflashrom session each); the
 * dummy's image file is read after the run, independently of odflash.
 */
class ExternalWriteProtectionTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;
    private Path chip;
    private Path v120;
    private ChildCli cli;

    @BeforeEach
    void clip() {
        LibflashromPresent.require();
        chip = write(dir, "chip.bin", image("1.10"));
        v120 = write(dir, "1.20.bin", image("1.20"));
        cli = new ChildCli(home);
    }

    private String device(String range) {
        return "flashrom:dummy:emulate=SST25VF040.REMS,image=" + chip + ",odflash_fault=wp:" + range;
    }

    @Test
    void aPlanIntoTheProtectedRangeIsRefusedWithNothingWritten() throws IOException {
        byte[] before = Files.readAllBytes(chip);
        CliRunner.Run r = cli.run("flash", "--device", device("0x10000-0x7FFFF"), "--chip", "SST25VF040",
                v120.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("write-protected range 0x10000-0x7FFFF").contains("--allow-unprotect")
                .contains("nothing was written").doesNotContain("Exception");
        assertThat(Files.readAllBytes(chip)).as("the dummy's image file").isEqualTo(before);
    }

    @Test
    void allowUnprotectClearsTheProtectionAndFlashesVerified() throws IOException {
        CliRunner.Run r = cli.run("flash", "--device", device("0x10000-0x7FFFF"), "--chip", "SST25VF040",
                v120.toString(), "--yes", "--allow-unprotect", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(chip)).isEqualTo(image("1.20"));
    }

    @Test
    void aPlanOutsideTheProtectedRangeNeedsNoUnprotect() throws IOException {
        // the boot region (the CRW-5224A row's first 16 KiB) is never in the plan
        CliRunner.Run r = cli.run("flash", "--device", device("0x0-0x3FFF"), "--chip", "SST25VF040",
                v120.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(chip)).isEqualTo(image("1.20"));
    }

    @Test
    void infoReportsTheProtectedRange() {
        CliRunner.Run r = cli.run("info", "--device", device("0x10000-0x7FFFF"), "--chip", "SST25VF040");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("write protection").contains("0x10000-0x7FFFF");
    }
}
