package dev.odflash.emulator.download;

import dev.odflash.emulator.firmware.Mt1939Firmware;
import dev.odflash.transport.ScsiResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static dev.odflash.emulator.download.TsstWire.flash;
import static dev.odflash.emulator.download.Wire.cdb;
import static dev.odflash.emulator.download.Wire.out;
import static dev.odflash.emulator.download.Wire.status;
import static dev.odflash.emulator.download.Wire.tur;
import static org.assertj.core.api.Assertions.assertThat;

/** emu:samsung-se506cb (MT1939) driven as the TSST updater does in CM's USB capture (§2.1, §4.2). */
class Se506cbDriveTest {
    @TempDir
    Path dir;

    @Test
    void flashesWithTheTwoStallsTheResidueAndTheReboot() throws Exception {
        byte[] image = Mt1939Firmware.generate("TS04");
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb")) {
            byte[] boot = Arrays.copyOf(d.chipModel().contents(), 0x10000);
            assertThat(Wire.inquiry(d)).isEqualTo("TSSTcorp|BDDVDW SE-506CB|TS01");
            Wire.In version = Wire.in(d, cdb(0xFF, 0x00, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0xAA), 8);
            assertThat(version.data()).containsExactly(0x00, 0x06, 0x01, 0x01, 0x54, 0x53, 0x20, 0x00);
            long start = d.clock().elapsed().toNanos();
            List<ScsiResult> results = TsstWire.downloadMt1939(d, image);
            assertThat(results).hasSize(34).allMatch(ScsiResult::isGood);
            assertThat(results.get(16).duration()).as("17th write: first half").isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(results.get(15).duration()).isLessThan(Duration.ofSeconds(1));
            assertThat(results.getLast().duration()).as("last block").isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(results.getLast().residual()).as("CM: CSW residue 0x800").isEqualTo(0x800);
            assertThat(Duration.ofNanos(d.clock().elapsed().toNanos() - start)).as("CM: ≈22 s")
                    .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(60));
            assertThat(tur(d)).isEqualTo("6/29/00");
            assertThat(Wire.inquiry(d)).isEqualTo("TSSTcorp|BDDVDW SE-506CB|TS04");
            byte[] flash = d.chipModel().contents();
            assertThat(Arrays.copyOf(flash, 0x10000)).as("first 64 KiB untouched").isEqualTo(boot);
            assertThat(Arrays.copyOfRange(flash, 0x10000, 0x200000)).isEqualTo(Arrays.copyOfRange(image, 0x10000, 0x200000));
            assertThat(d.writeCommands()).isEqualTo(34);
        }
    }

    @Test
    void ignoresWritesToItsFirst64KiB() throws Exception {
        byte[] image = Mt1939Firmware.generate("TS02");
        Arrays.fill(image, 0, 0x10000, (byte) 0x00);
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb")) {
            byte[] boot = Arrays.copyOf(d.chipModel().contents(), 0x10000);
            TsstWire.downloadMt1939(d, image);
            assertThat(Arrays.copyOf(d.chipModel().contents(), 0x10000)).isEqualTo(boot);
            assertThat(Wire.revision(d)).isEqualTo("TS02");
        }
    }

    @Test
    void readBufferMode6ReadsTheFlash() throws Exception {
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb")) {
            // CM bootloader.txt: 3C 06 00 aa aa aa ll ll ll; infonub at 0x1FFFD0 (§4.2)
            Wire.In r = Wire.in(d, cdb(0x3C, 0x06, 0x00, 0x1F, 0xFF, 0xD0, 0x00, 0x00, 0x1C, 0x00), 0x1C);
            assertThat(new String(r.data(), StandardCharsets.US_ASCII)).isEqualTo("TSSTcorpBDDVDW SE-506CB TS01");
            assertThat(status(Wire.in(d, cdb(0x3C, 0x02, 0, 0, 0, 0, 0, 0, 0x10, 0), 16).result())).isEqualTo("5/24/00");
            assertThat(Wire.revision(d)).isEqualTo("TS01");
            assertThat(d.writeCommands()).isZero();
        }
    }

    @Test
    void aBadChecksumLeavesBootModeWhereTheBootLoaderTakesANewDownload() throws Exception {
        byte[] bad = Mt1939Firmware.generate("TS04");
        bad[0x1FFFFF] ^= 0x01; // BE16 sum at 0x1FFFFE no longer matches 0x10000-0x1E1FFF (§4.2)
        Path file = dir.resolve("se.bin");
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb?image=" + file)) {
            assertThat(TsstWire.downloadMt1939(d, bad)).allMatch(ScsiResult::isGood);
            assertThat(Wire.inquiry(d)).isEqualTo("TSSTcorp|BDDVDW SE-506CB|BOOT");
        }
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb?image=" + file)) {
            assertThat(Wire.revision(d)).isEqualTo("BOOT");
            Wire.In version = Wire.in(d, cdb(0xFF, 0x00, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0xAA), 8);
            assertThat(version.data()).containsExactly(0x00, 0x06, 0x01, 0x01, 0x54, 0x53, 0x20, 0x00);
            assertThat(TsstWire.downloadMt1939(d, Mt1939Firmware.generate("TS04"))).allMatch(ScsiResult::isGood);
            assertThat(Wire.revision(d)).isEqualTo("TS04");
        }
    }

    @Test
    void refusesBlocksOffCoastermeltsPlan() throws Exception {
        byte[] image = Mt1939Firmware.generate("TS04");
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb")) {
            assertThat(status(out(d, flash(0x00), Arrays.copyOf(image, 0xFC00)))).as("MT1339 block size")
                    .isEqualTo("5/2C/00");
            assertThat(status(out(d, flash(0x04), new byte[0x800]))).isEqualTo("5/24/00");
            assertThat(d.chipModel().erases()).isZero();
        }
    }

    @Test
    void anAbandonedDownloadAfterTheFirstHalfBootsIntoBootMode() throws Exception {
        byte[] image = Mt1939Firmware.generate("TS04");
        Path file = dir.resolve("half.bin");
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb?image=" + file)) {
            for (int i = 0; i < 17; i++) {
                out(d, flash(i == 0 ? 0x00 : 0xFF), Arrays.copyOfRange(image, i * 0xF800, (i + 1) * 0xF800));
            }
            assertThat(Wire.revision(d)).as("still running the old image until it restarts").isEqualTo("TS01");
        }
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb?image=" + file)) {
            assertThat(Wire.revision(d)).as("half old, half new: the checksum fails").isEqualTo("BOOT");
        }
    }
}
