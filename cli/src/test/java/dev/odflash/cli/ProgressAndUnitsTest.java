package dev.odflash.cli;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.odflash.protocol.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Progress a user can follow: every 10 % on a pipe, the drive's rate on a terminal, a power warning on every write, KiB throughout. */
class ProgressAndUnitsTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aPipeGetsALineForEveryTenPercentEvenWhenAStepCrossesTwo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false);
        for (long done = 0; done <= 512 * 1024; done += 64 * 1024) { // 12.5 % a step, as a 512 KiB read goes
            r.bytes(Progress.Phase.READ, 1, done, 512 * 1024);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(11);
        for (int d = 0; d <= 10; d++) {
            assertThat(lines.get(d)).startsWith("read pass 1/2: " + d * 10 + "% (");
        }
        assertThat(lines.get(4)).isEqualTo("read pass 1/2: 40% (204.8 KiB of 512 KiB)");
    }

    @Test
    void theTerminalBarShowsTheDrivesRateNotTheHostsSpeed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong deviceSeconds = new AtomicLong();
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false,
                () -> Duration.ofSeconds(deviceSeconds.get()));
        r.bytes(Progress.Phase.READ, 1, 0, 512 * 1024);
        deviceSeconds.set(8); // the drive took 8 s of its own time for all of it; the host took microseconds
        r.bytes(Progress.Phase.READ, 1, 512 * 1024, 512 * 1024);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("100% 64 KiB/s");
    }

    @Test
    void everyWriteAndBurnIsPrecededByThePowerWarning() {
        CliRunner cli = new CliRunner(home);
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run chip = cli.run("flash", "--device", "emu:asus-crw-5224a?image=" + dir.resolve("flash.bin"),
                v120.toString(), "--yes");
        assertThat(chip.exitCode()).as(chip.toString()).isZero();
        assertThat(chip.err()).containsOnlyOnce(ProgressRenderer.KEEP_POWER);
        assertThat(chip.err().indexOf(ProgressRenderer.KEEP_POWER)).isLessThan(chip.err().indexOf("write: 0%"));

        Path tsst = dir.resolve("SB02.bin");
        assertThat(cli.run("emu", "firmware", "--profile", "tsst-ts-h353c", "--version", "SB02", "-o", tsst.toString())
                .exitCode()).isZero();
        CliRunner.Run download = cli.run("flash", "--device", "emu:tsst-ts-h353c", tsst.toString(), "--yes",
                "--without-backup");
        assertThat(download.exitCode()).as(download.toString()).isZero();
        assertThat(download.err()).containsOnlyOnce(ProgressRenderer.KEEP_POWER);
        assertThat(download.err().indexOf(ProgressRenderer.KEEP_POWER)).isLessThan(download.err().indexOf("download: "));
    }

    @Test
    void sizesAreKibInResults() {
        CliRunner cli = new CliRunner(home);
        CliRunner.Run backup = cli.run("backup", "--device", "emu:asus-bw16d1ht", "-o", dir.resolve("b.bin").toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.out()).contains("size:    2048 KiB").doesNotContain("MiB");
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run dry = cli.run("flash", "--device", "emu:asus-crw-5224a?image=" + dir.resolve("flash.bin"),
                v120.toString(), "--dry-run");
        assertThat(dry.out()).containsPattern("\\d+ erases \\(\\d+ KiB\\), [0-9.]+ KiB to program").doesNotContain("MiB");
        assertThat(Sizes.human(512 * 1024)).isEqualTo("512 KiB");
        assertThat(Sizes.human(16 << 20)).isEqualTo("16384 KiB");
        assertThat(Sizes.human(1536 + 51)).isEqualTo("1.5 KiB");
        assertThat(Sizes.human(100)).isEqualTo("100 B");
    }
}
