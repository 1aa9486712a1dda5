package dev.odflash.cli;

import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.ImageWrites;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed write of the emulated flash file (a full or failing disk under {@code ?image=}) is the
 * emulated drive's storage failing: a device error (exit 3) that says so, never "internal error" (1).
 */
class EmulatedStorageFailureTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** Runs the CLI with the image file's writes failing from the {@code failAt}-th one on. */
    private CliRunner.Run withWritesFailingFrom(int failAt, String... args) {
        AtomicInteger writes = new AtomicInteger();
        ImageWrites failing = (file, offset, length) -> {
            if (writes.incrementAndGet() >= failAt) {
                throw new IOException("No space left on device");
            }
        };
        AtomicReference<CliRunner.Run> out = new AtomicReference<>();
        ScopedValue.where(ImageWrites.CURRENT, failing).run(() -> out.set(new CliRunner(home).run(args)));
        return out.get();
    }

    private static void assertStorageFailure(CliRunner.Run r, Path file) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).as(r.toString()).contains("emulated drive's storage failed").contains(file.toString())
                .contains("No space left on device").doesNotContain("internal error").doesNotContain("Exception");
    }

    @Test
    void anMtk8051FlashWhoseImageFileFailsIsADeviceError() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        CliRunner.Run r = withWritesFailingFrom(3, "flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                v120.toString(), "--yes");
        assertStorageFailure(r, flash);
    }

    @Test
    void aDownloadFlashWhoseImageFileFailsIsADeviceError() throws IOException {
        Path flash = dir.resolve("tsst.bin");
        Path img = dir.resolve("SB02.bin");
        Files.write(img, DownloadFirmware.image(EmulatorProfiles.byName("tsst-ts-h353c").orElseThrow(), "SB02"));
        CliRunner.Run r = withWritesFailingFrom(3, "flash", "--device", "emu:tsst-ts-h353c?image=" + flash,
                img.toString(), "--yes", "--without-backup");
        assertStorageFailure(r, flash);
    }
}
