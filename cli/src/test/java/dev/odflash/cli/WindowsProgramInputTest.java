package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor updater given where a firmware image belongs is named as a Windows program with the command that
 * carves its images out (exit 4, refused; docs/architecture.md "Contracts"), before any size bound and
 * before the drive is touched.
 */
class WindowsProgramInputTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void identifySaysItIsAWindowsProgramAndNamesExtract() throws Exception {
        Path exe = Files.write(dir.resolve("updater.exe"), CraftedPe.withOverlay(image("1.20")));
        CliRunner.Run r = new CliRunner(home).run("identify", exe.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("this is a Windows program (a vendor updater?)")
                .contains("run `odflash extract " + exe + "`");
        CliRunner.Run json = new CliRunner(home).run("identify", exe.toString(), "--json");
        assertThat(json.json().path("error").path("refusal").path("override").asText()).isEqualTo("extract");
    }

    /** An updater larger than any flash is still named for what it is, not "larger than any flash". */
    @Test
    void aLargeUpdaterIsNamedToo() throws Exception {
        Path exe = Files.write(dir.resolve("big.exe"), CraftedPe.withOverlay(new byte[20 << 20]));
        CliRunner.Run r = new CliRunner(home).run("identify", exe.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("Windows program").doesNotContain("larger than");
    }

    @Test
    void flashRefusesItBeforeTheDriveIsOpened() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path exe = Files.write(dir.resolve("updater.exe"), CraftedPe.withOverlay(image("1.20")));
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                exe.toString(), "--yes", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("Windows program").contains("odflash extract");
        assertThat(!Files.exists(trace) || FlashFixtures.ops(trace).isEmpty()).as("no chip operation").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
    }

    /** A firmware image that happens to start with "MZ" is not mistaken for one. */
    @Test
    void mzAloneIsNotAProgram() throws Exception {
        byte[] b = new byte[0x1000];
        b[0] = 'M';
        b[1] = 'Z';
        Path f = Files.write(dir.resolve("mz.bin"), b);
        CliRunner.Run r = new CliRunner(home).run("identify", f.toString());
        assertThat(r.err() + r.out()).doesNotContain("Windows program");
    }
}
