package dev.odflash.emulator.download;

import dev.odflash.emulator.firmware.Mt1959Firmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static dev.odflash.emulator.download.Wire.cdb;
import static dev.odflash.emulator.download.Wire.none;
import static dev.odflash.emulator.download.Wire.out;
import static dev.odflash.emulator.download.Wire.status;
import static dev.odflash.emulator.download.Wire.tur;
import static org.assertj.core.api.Assertions.assertThat;

/** emu:asus-bw16d1ht (MT1959) driven with redumper's and freemkv's CDBs (§2.2), written out by hand. */
class Bw16d1htDriveTest {
    @TempDir
    Path dir;

    static byte[] download(String version) {
        return Mt1959Firmware.generate("BW-16D1HT", version, DownloadFirmware.MT1959_KEY, Optional.empty());
    }

    /** What a careful host sends: the drive's own first 64 KiB cleared (RD), config and calibration kept. */
    static byte[] prepared(DownloadDrive d, byte[] image) throws Exception {
        byte[] out = image.clone();
        Arrays.fill(out, 0, 0x10000, (byte) 0xFF);                       // RD step 4
        System.arraycopy(Mt1959Wire.read(d, 0x3000, 0x20), 0, out, 0x3000, 0x20);
        System.arraycopy(Mt1959Wire.read(d, 0x1F0000, 0x10000), 0, out, 0x1F0000, 0x10000);
        return out;
    }

    static String feature(DownloadDrive d, int code) throws Exception {
        // FM: 46 02 [feature BE16] 00 00 00 [alloc BE16 = 0x001C] 00
        Wire.In r = Wire.in(d, cdb(0x46, 0x02, code >> 8, code & 0xFF, 0, 0, 0, 0x00, 0x1C, 0), 0x1C);
        int len = r.data()[11] & 0xFF;
        return new String(r.data(), 12, Math.min(len, 16), StandardCharsets.US_ASCII).replace("\0", "").strip();
    }

    @Test
    void identityRegionsAndPerUnitData() throws Exception {
        try (DownloadDrive a = Wire.open("emu:asus-bw16d1ht?unit=A"); DownloadDrive b = Wire.open("emu:asus-bw16d1ht?unit=B")) {
            assertThat(Wire.inquiry(a)).isEqualTo("ASUS|BW-16D1HT|3.01");
            assertThat(new String(Mt1959Wire.read(a, 0x3000, 0x10), StandardCharsets.US_ASCII)).isEqualTo("MT1959 Boot JB8 ");
            // FM PROBE, 12 bytes: 3C 06 00 1E C0 00 00 01 00 00 00 00
            Wire.In probe = Wire.in(a, cdb(0x3C, 0x06, 0x00, 0x1E, 0xC0, 0x00, 0x00, 0x01, 0x00, 0, 0, 0), 0x100);
            assertThat(new String(probe.data(), 0, 18, StandardCharsets.US_ASCII)).isEqualTo("ASUS BW-16D1HT 3.0");
            assertThat(Mt1959Wire.read(a, 0x1F0000, 0x10000)).isNotEqualTo(Mt1959Wire.read(b, 0x1F0000, 0x10000));
            assertThat(feature(a, 0x0108)).startsWith("KZ").isNotEqualTo(feature(b, 0x0108));
            assertThat(feature(a, 0x010C)).matches("\\d{14}");
            assertThat(Mt1959Wire.read(a, 0x1FFFF0, 0x10)).hasSize(16);
            assertThat(status(Wire.in(a, cdb(0x3C, 0x06, 0, 0x1F, 0xFF, 0xF0, 0, 0, 0x20, 0), 0x20).result()))
                    .as("past the end of the flash").isEqualTo("5/24/00");
            assertThat(status(none(a, cdb(0xFF, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("5/20/00");
        }
    }

    @Test
    void freemkvFormBurnsWhenTheLastChunkLandsAndKeepsTheFirst64KiB() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht")) {
            byte[] before = d.chipModel().contents();
            String serial = feature(d, 0x0108);
            byte[] image = prepared(d, download("3.10"));
            assertThat(Mt1959Wire.freemkv(d, image)).as("FM: NOT READY or UA on COMMIT").isEqualTo("2/04/08");
            int polls = 0;
            String answer;
            while ((answer = tur(d)).equals("2/04/08")) {
                d.clock().sleep(Duration.ofMillis(500)); // FM: every 0.5 s, up to 45 s
                polls++;
            }
            assertThat(answer).isEqualTo("6/29/00");
            assertThat(polls).as("a few seconds of long write").isBetween(2, 90);
            assertThat(Wire.inquiry(d)).isEqualTo("ASUS|BW-16D1HT|3.10");
            byte[] after = d.chipModel().contents();
            assertThat(Arrays.copyOf(after, 0x10000)).isEqualTo(Arrays.copyOf(before, 0x10000));
            assertThat(Arrays.copyOfRange(after, 0x10000, 0x200000)).isEqualTo(Arrays.copyOfRange(image, 0x10000, 0x200000));
            assertThat(feature(d, 0x0108)).as("calibration kept by the host").isEqualTo(serial);
            assertThat(d.writeCommands()).isEqualTo(130);
        }
    }

    @Test
    void redumperFormNeedsNoCommit() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht")) {
            Mt1959Wire.redumper(d, prepared(d, download("3.00")));
            assertThat(Wire.waitReady(d, 45)).isEqualTo("6/29/00");
            assertThat(tur(d)).isEqualTo("2/3A/01");
            assertThat(Wire.revision(d)).isEqualTo("3.00");
        }
    }

    @Test
    void theDriveWritesWhatItIsSentIncludingAnotherUnitsCalibration() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?unit=A")) {
            byte[] blank = download("3.02"); // calibration region left blank: the host did not keep it
            Mt1959Wire.redumper(d, blank);
            Wire.waitReady(d, 45);
            assertThat(Wire.revision(d)).isEqualTo("3.02");
            assertThat(Mt1959Wire.read(d, 0x1F0000, 16)).containsOnly((byte) 0xFF);
            assertThat(Wire.in(d, cdb(0x46, 0x02, 0x01, 0x08, 0, 0, 0, 0, 0x1C, 0), 0x1C).data()[11]).as("no serial left")
                    .isZero();
        }
    }

    @Test
    void outOfSequenceStepsAreRefused() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht")) {
            byte[] chunk = new byte[0x4000];
            byte[] stream0 = cdb(0x3B, 0x06, 0, 0, 0, 0, 0, 0x40, 0, 0);
            assertThat(status(out(d, stream0, chunk))).as("STREAM before PREPARE").isEqualTo("5/2C/00");
            assertThat(status(none(d, cdb(0x3B, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0x1B, 0x12)))).as("COMMIT alone")
                    .isEqualTo("5/2C/00");
            assertThat(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("GOOD");
            assertThat(status(out(d, cdb(0x3B, 0x06, 0, 0, 0x80, 0, 0, 0x40, 0, 0), chunk))).as("skipped offset")
                    .isEqualTo("5/2C/00");
            assertThat(status(out(d, stream0, chunk))).as("download dropped").isEqualTo("5/2C/00");
            assertThat(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x0C, 0, 0)))).as("PREPARE byte 9")
                    .isEqualTo("5/24/00");
            assertThat(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("GOOD");
            assertThat(status(out(d, cdb(0x3B, 0x06, 0, 0, 0, 0, 0, 0x20, 0, 0), new byte[0x2000]))).as("8 KiB chunk")
                    .isEqualTo("5/24/00");
            assertThat(status(none(d, cdb(0x3B, 0x04, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("5/24/00");
            assertThat(d.chipModel().erases()).isZero();
        }
    }

    @Test
    void aBadImageLeavesBootModeWhereReadsAndANewDownloadStillWork() throws Exception {
        Path file = dir.resolve("bw.bin");
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?image=" + file)) {
            byte[] bad = prepared(d, download("3.10"));
            Arrays.fill(bad, 0x10400, 0x10400 + 16 * 0x1C, (byte) 0xFF); // no CMAC table entry (§4.3 OD)
            Mt1959Wire.freemkv(d, bad);
            Wire.waitReady(d, 45);
            assertThat(Wire.inquiry(d)).isEqualTo("ASUS|BW-16D1HT|BOOT");
        }
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?image=" + file)) {
            assertThat(Wire.revision(d)).isEqualTo("BOOT");
            assertThat(new String(Mt1959Wire.read(d, 0x3000, 16), StandardCharsets.US_ASCII)).isEqualTo("MT1959 Boot JB8 ");
            Mt1959Wire.freemkv(d, prepared(d, download("3.10")));
            Wire.waitReady(d, 45);
            assertThat(Wire.revision(d)).isEqualTo("3.10");
        }
    }
}
