package dev.odflash.emulator.download;

import dev.odflash.emulator.firmware.TsstFirmware;
import dev.odflash.transport.ScsiResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/** emu:tsst-ts-h353c (MT1339) and emu:samsung-sd616f driven with redumper's FF 00 01 CDBs (§2.1). */
class TsstDriveTest {
    @TempDir
    Path dir;

    @Test
    void mt1339FlashesInFc00BlocksWithEndState04() throws Exception {
        byte[] image = TsstFirmware.mt1339("DVD-ROM TS-H353C", "SB04");
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c")) {
            assertThat(Wire.inquiry(d)).isEqualTo("TSSTcorp|DVD-ROM TS-H353C|SB01");
            assertThat(tur(d)).isEqualTo("2/3A/01");
            List<ScsiResult> results = TsstWire.download(d, image, 0xFC00, 0x04);
            assertThat(results).hasSize(5).allMatch(ScsiResult::isGood);
            Duration burn = results.getLast().duration();
            assertThat(burn).as("RD: a few seconds").isBetween(Duration.ofMillis(500), Duration.ofSeconds(20));
            assertThat(tur(d)).as("restarted").isEqualTo("6/29/00");
            assertThat(Wire.inquiry(d)).isEqualTo("TSSTcorp|DVD-ROM TS-H353C|SB04");
            assertThat(d.chipModel().contents()).isEqualTo(image);
            assertThat(d.writeCommands()).isEqualTo(5);
        }
    }

    @Test
    void mt1339RefusesStepsOffThePlan() throws Exception {
        byte[] image = TsstFirmware.mt1339("DVD-ROM TS-H353C", "SB04");
        byte[] block = Arrays.copyOf(image, 0xFC00);
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c")) {
            assertThat(status(out(d, flash(0xFF), block))).as("continuation first").isEqualTo("5/2C/00");
            assertThat(status(out(d, flash(0x04), new byte[0x1000]))).as("end first").isEqualTo("5/2C/00");
            assertThat(status(out(d, flash(0x00), block))).isEqualTo("GOOD");
            assertThat(status(out(d, flash(0x02), new byte[0x1000]))).as("SD-616's end state").isEqualTo("5/24/00");
            assertThat(status(out(d, flash(0x00), block))).isEqualTo("GOOD");
            assertThat(status(out(d, flash(0xFF), new byte[0x8000]))).as("wrong block size").isEqualTo("5/2C/00");
            assertThat(status(out(d, flash(0xFF), block))).as("download was dropped").isEqualTo("5/2C/00");
            assertThat(status(out(d, flash(0x00), block))).isEqualTo("GOOD");
            assertThat(status(out(d, flash(0x04), new byte[0x1000]))).as("ends short of 256 KiB").isEqualTo("5/2C/00");
            assertThat(status(Wire.none(d, cdb(0x3B, 0x07, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("5/20/00");
            assertThat(d.chipModel().erases()).isZero();
            assertThat(Wire.revision(d)).isEqualTo("SB01");
        }
    }

    @Test
    void unknownVendorSubcommandsAreIgnoredAndLunBitsAccepted() throws Exception {
        byte[] image = TsstFirmware.mt1339("DVD-ROM TS-H353C", "SB02");
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c")) {
            assertThat(status(Wire.none(d, cdb(0xFF, 0x00, 0x04, 0, 0, 0x01, 0, 0, 0, 0, 0, 0)))).isEqualTo("GOOD");
            Wire.In q = Wire.in(d, cdb(0xFF, 0x00, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0xAA), 8);
            assertThat(q.result().residual()).as("MT1339: version query ignored").isEqualTo(8);
            for (int at = 0, n = 0; at < image.length; at += 0xFC00, n++) {
                int len = Math.min(0xFC00, image.length - at);
                int state = at + len == image.length ? 0x04 : n == 0 ? 0x00 : 0xFF;
                // RD puts the LUN in byte 1 bits 7-5
                assertThat(status(out(d, cdb(0xFF, 0x20, 0x01, 0, 0, state, 0, 0, 0, 0, 0, 0),
                        Arrays.copyOfRange(image, at, at + len)))).isEqualTo("GOOD");
            }
            assertThat(Wire.revision(d)).isEqualTo("SB02");
        }
    }

    @Test
    void mt1339BadImageLeavesBootModeAndASecondDownloadRecovers() throws Exception {
        byte[] bad = TsstFirmware.mt1339("DVD-ROM TS-H353C", "SB04");
        Arrays.fill(bad, 0x4000, 0x8000, (byte) 0xFF); // INQUIRY template gone (§4.1)
        byte[] good = TsstFirmware.mt1339("DVD-ROM TS-H353C", "SB04");
        Path file = dir.resolve("ts.bin");
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c?image=" + file)) {
            TsstWire.download(d, bad, 0xFC00, 0x04);
            assertThat(Wire.inquiry(d)).isEqualTo("TSSTcorp|DVD-ROM TS-H353C|BOOT");
        }
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c?image=" + file)) {
            assertThat(Wire.revision(d)).isEqualTo("BOOT");
            assertThat(TsstWire.download(d, good, 0xFC00, 0x04)).allMatch(ScsiResult::isGood);
            assertThat(Wire.revision(d)).isEqualTo("SB04");
        }
    }

    @Test
    void sd616TakesTheRearrangedBufferInThreeBlocksWithEndState02() throws Exception {
        byte[] file = TsstFirmware.sd616("F106");
        byte[] buffer = TsstFirmware.sd616DownloadBuffer(file); // RD's table, written apart from the emulator's
        try (DownloadDrive d = Wire.open("emu:samsung-sd616f")) {
            assertThat(Wire.inquiry(d)).isEqualTo("SAMSUNG|DVD-ROM SD-616F|F102");
            assertThat(status(out(d, flash(0x04), Arrays.copyOf(buffer, 0x10000)))).as("MT1339's end state")
                    .isEqualTo("5/24/00");
            List<ScsiResult> results = TsstWire.download(d, buffer, 0x10000, 0x02);
            assertThat(results).hasSize(3).allMatch(ScsiResult::isGood);
            assertThat(d.chipModel().contents()).isEqualTo(file);
            assertThat(Wire.revision(d)).isEqualTo("F106");
        }
    }

    @Test
    void sd616RefusesTheUnrearrangedFile() throws Exception {
        byte[] file = TsstFirmware.sd616("F106");
        try (DownloadDrive d = Wire.open("emu:samsung-sd616f")) {
            List<ScsiResult> results = TsstWire.download(d, file, 0x10000, 0x02);
            assertThat(status(results.getLast())).as("0x20000 bytes end short of the 0x30000 buffer")
                    .isEqualTo("5/2C/00");
            assertThat(d.chipModel().erases()).isZero();
        }
    }
}
