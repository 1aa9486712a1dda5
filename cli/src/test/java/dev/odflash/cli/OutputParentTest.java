package dev.odflash.cli;

import dev.odflash.emulator.firmware.HexWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** For every -o FILE a missing parent directory is exit 2; extract -o DIR creates DIR, never its parents. */
class OutputParentTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private void assertUsageAndNothingCreated(String... args) {
        CliRunner.Run r = new CliRunner(home).run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("missing"))).as("the missing parent is not created").isFalse();
    }

    @Test
    void aMissingParentOfAnOutputFileIsAUsageError() throws IOException {
        Path out = dir.resolve("missing").resolve("out.bin");
        Path hex = write(dir, "fw.hex", HexWriter.plain(image("1.10")));
        assertUsageAndNothingCreated("backup", "--device", "emu:asus-crw-5224a", "-o", out.toString());
        assertUsageAndNothingCreated("convert", hex.toString(), "-o", out.toString());
        assertUsageAndNothingCreated("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10",
                "-o", out.toString());
    }

    @Test
    void extractCreatesItsDirectoryButNeverItsParents() throws IOException {
        Path exe = write(dir, "updater.exe", FirmwareFileCommandsTest.fixture("updater-rcdata.exe"));
        assertUsageAndNothingCreated("extract", exe.toString(), "-o", dir.resolve("missing").resolve("out").toString());
        Path out = dir.resolve("out");
        CliRunner.Run r = new CliRunner(home).run("extract", exe.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.isDirectory(out)).isTrue();
    }
}
