package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `flash` keeps the machine away from the drive (docs/architecture.md "During a write"): an emulated drive
 * skips the OS guard with a note; the battery gate (through the hidden --sysfs fake tree) refuses below
 * 30 % on battery before anything is read or written, unless --allow-battery.
 */
class WriteGuardCommandTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aLowBatteryRefusesTheFlashBeforeAnythingIsWritten() throws Exception {
        byte[] old = image("1.10");
        Path flash = write(dir, "flash.bin", old);
        Path sys = FlashFixtures.sysOnBattery(dir, 12);
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                write(dir, "1.35.bin", image("1.35")).toString(), "--yes", "--sysfs", sys.toString(),
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("on battery at 12 % (below 30 %)").contains("--allow-battery");
        assertThat(FlashFixtures.ops(trace)).noneMatch(op -> op.equals("erase") || op.equals("program"));
        assertThat(Files.readAllBytes(flash)).isEqualTo(old);
    }

    @Test
    void allowBatteryFlashesWithAWarningAndAnEmulatedDriveSkipsTheOsGuardWithANote() throws Exception {
        byte[] target = image("1.35");
        Path flash = write(dir, "flash.bin", image("1.10"));
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                write(dir, "1.35.bin", target).toString(), "--yes", "--sysfs", FlashFixtures.sysOnBattery(dir, 12).toString(),
                "--allow-battery");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("flashing anyway, as asked")
                .contains("emulated drive: no logind inhibitor, USB runtime power, exclusive block node or media polling");
        assertThat(Files.readAllBytes(flash)).isEqualTo(target);
    }
}
