package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No terminal and no --yes: the flash is refused before the drive's flash is read (docs/architecture.md
 * "Contracts"): no read in the trace, no backup filed, the refusal said once, exit 4.
 */
class NoTerminalRefusalTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aChipStyleFlashIsRefusedBeforeAnyRead() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                v120.toString(), "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(FlashFixtures.ops(trace)).as("chip operations").doesNotContain("read", "erase", "program");
        assertThat(backups()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("no terminal"))).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("--yes");
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
    }

    @Test
    void aDownloadFamilyWithAReadPathIsRefusedBeforeAnyReadBuffer() throws Exception {
        Path v310 = DownloadRuns.image(dir, "asus-bw16d1ht", "3.10");
        Path trace = dir.resolve("mt.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-bw16d1ht", v310.toString(), "--json",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(GoldenTraceTest.downloadCommands(trace)).as("READ/WRITE BUFFER or vendor commands").isEmpty();
        assertThat(backups()).isZero();
        assertThat(r.json().path("error").path("refusal").path("gate").asText()).isEqualTo("confirmation");
    }

    /** A dry run asks nothing, so it needs no terminal. */
    @Test
    void aDryRunStillRunsWithoutATerminal() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                v120.toString(), "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    private long backups() throws IOException {
        Path dirs = home.resolve("backups");
        if (!Files.isDirectory(dirs)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dirs)) {
            return s.filter(p -> p.toString().endsWith(".bin")).count();
        }
    }
}
