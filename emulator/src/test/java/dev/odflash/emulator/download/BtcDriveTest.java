package dev.odflash.emulator.download;

import dev.odflash.transport.Device;
import dev.odflash.emulator.firmware.BtcFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static dev.odflash.emulator.download.Wire.cdb;
import static dev.odflash.emulator.download.Wire.none;
import static dev.odflash.emulator.download.Wire.out;
import static dev.odflash.emulator.download.Wire.status;
import static dev.odflash.emulator.download.Wire.tur;
import static org.assertj.core.api.Assertions.assertThat;

/** emu:btc-drw1008 driven with btcflash's CDBs (docs/protocols.md §2.3) written out byte by byte. */
class BtcDriveTest {
    @TempDir
    Path dir;

    /** BT step 2: {@code 3B 06 00 [(off+0x20) BE24] 00 10 00 00} with 0x1000 bytes. */
    static String chunk(Device d, byte[] image, int index) throws Exception {
        int off = index * 0x1000 + 0x20;
        return status(out(d, cdb(0x3B, 0x06, 0x00, off >> 16, off >> 8 & 0xFF, off & 0xFF, 0x00, 0x10, 0x00, 0x00),
                Arrays.copyOfRange(image, index * 0x1000, index * 0x1000 + 0x1000)));
    }

    /** BT step 3: {@code 3B 06 00 00 00 00 00 00 20 00}, header zero but bytes 30-31 = BE16 sum. */
    static String header(Device d, int sum) throws Exception {
        byte[] h = new byte[32];
        h[30] = (byte) (sum >> 8);
        h[31] = (byte) sum;
        return status(out(d, cdb(0x3B, 0x06, 0, 0, 0, 0, 0, 0, 0x20, 0), h));
    }

    /** BT step 4: {@code 3B 07 00 00 00 00 00 00 00 00}. */
    static String save(Device d) throws Exception {
        return status(none(d, cdb(0x3B, 0x07, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    static int sum(byte[] image) {
        int s = 0;
        for (byte b : image) {
            s += b & 0xFF;
        }
        return s & 0xFFFF;
    }

    static void download(Device d, byte[] image, int headerSum) throws Exception {
        for (int i = 0; i < 256; i++) {
            assertThat(chunk(d, image, i)).as("chunk %d", i).isEqualTo("GOOD");
        }
        assertThat(header(d, headerSum)).isEqualTo("GOOD");
    }

    @Test
    void identityAndIdleAnswers() throws Exception {
        try (DownloadDrive d = Wire.open("emu:btc-drw1008")) {
            assertThat(Wire.inquiry(d)).isEqualTo("BTC|DRW1008IM|0040");
            assertThat(Wire.in(d, cdb(0x12, 0, 0, 0, 0x24, 0), 36).data()).hasSize(36);
            assertThat(tur(d)).isEqualTo("2/3A/01");
            assertThat(status(Wire.in(d, cdb(0x3C, 0x06, 0, 0, 0x30, 0, 0, 0, 0x20, 0), 0x20).result()))
                    .as("btcflash has no read path").isEqualTo("5/20/00");
            assertThat(status(none(d, cdb(0xFF, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("5/20/00");
        }
        try (DownloadDrive d = Wire.open("emu:btc-drw1008?medium=present")) {
            assertThat(tur(d)).isEqualTo("GOOD");
        }
    }

    @Test
    void flashesBurnsInTheBackgroundAndRestartsWithTheNewRevision() throws Exception {
        byte[] image = BtcFirmware.generate("DRW1008IM", "0076");
        try (DownloadDrive d = Wire.open("emu:btc-drw1008")) {
            download(d, image, sum(image));
            assertThat(save(d)).isEqualTo("GOOD");
            long burnStart = d.clock().elapsed().toNanos();
            assertThat(tur(d)).as("burning").isEqualTo("2/04/08");
            assertThat(Wire.revision(d)).as("INQUIRY still answers during the burn").isEqualTo("0040");
            d.clock().sleep(Duration.ofSeconds(50)); // BT: sleep 50 s, then TUR every 1 s
            assertThat(Wire.waitReady(d, 300)).as("power-on unit attention").isEqualTo("6/29/00");
            assertThat(tur(d)).isEqualTo("2/3A/01");
            assertThat(Wire.inquiry(d)).isEqualTo("BTC|DRW1008IM|0076");
            assertThat(d.chipModel().contents()).isEqualTo(image);
            assertThat(d.writeCommands()).isEqualTo(258);
            assertThat(d.burns()).isEqualTo(1);
            assertThat(d.chipModel().erases()).isPositive();
            assertThat(d.clock().elapsed().toNanos() - burnStart).isGreaterThan(Duration.ofSeconds(50).toNanos());
        }
    }

    @Test
    void burnTimeIsTheChipsAndFitsInBtcflashsWait() throws Exception {
        byte[] image = BtcFirmware.generate("DRW1008IM", "0076");
        try (DownloadDrive d = Wire.open("emu:btc-drw1008")) {
            download(d, image, sum(image));
            save(d);
            int seconds = 0;
            while (tur(d).equals("2/04/08")) {
                d.clock().sleep(Duration.ofSeconds(1));
                seconds++;
            }
            assertThat(seconds).isBetween(3, 50);
        }
    }

    @Test
    void outOfSequenceStepsAreRefused() throws Exception {
        byte[] image = BtcFirmware.generate("DRW1008IM", "0076");
        try (DownloadDrive d = Wire.open("emu:btc-drw1008")) {
            assertThat(header(d, 0)).as("header before the chunks").isEqualTo("5/2C/00");
            assertThat(save(d)).as("save without header").isEqualTo("5/2C/00");
            assertThat(chunk(d, image, 0)).isEqualTo("GOOD");
            assertThat(chunk(d, image, 2)).as("skipped chunk").isEqualTo("5/2C/00");
            assertThat(status(none(d, cdb(0x3B, 0x05, 0, 0, 0, 0, 0, 0, 0, 0)))).as("mode 5").isEqualTo("5/24/00");
            assertThat(status(out(d, cdb(0x3B, 0x06, 0, 0, 0, 0x30, 0, 0x10, 0, 0), new byte[0x1000])))
                    .as("misaligned offset").isEqualTo("5/24/00");
            assertThat(status(none(d, cdb(0x01, 0, 0, 0, 0, 0)))).isEqualTo("5/20/00");
            assertThat(d.chipModel().erases()).isZero();
        }
    }

    @Test
    void aSumMismatchBurnsNothingAndKeepsTheOldFirmware() throws Exception {
        byte[] image = BtcFirmware.generate("DRW1008IM", "0076");
        try (DownloadDrive d = Wire.open("emu:btc-drw1008")) {
            download(d, image, sum(image) ^ 1);
            assertThat(save(d)).isEqualTo("5/2C/00");
            assertThat(tur(d)).isEqualTo("2/3A/01");
            assertThat(Wire.revision(d)).isEqualTo("0040");
            assertThat(d.chipModel().erases()).isZero();
        }
    }

    @Test
    void aBadImageLeavesBootModeAndASecondDownloadRecovers() throws Exception {
        byte[] bad = BtcFirmware.generate("DRW1008IM", "0058");
        bad[0x30000] = 0x00; // bank 3 no longer starts with an 8051 LJMP (§4.1)
        byte[] good = BtcFirmware.generate("DRW1008IM", "0058");
        Path file = dir.resolve("btc.bin");
        try (DownloadDrive d = Wire.open("emu:btc-drw1008?image=" + file)) {
            download(d, bad, sum(bad));
            save(d);
            d.clock().sleep(Duration.ofSeconds(50));
            Wire.waitReady(d, 300);
            assertThat(Wire.inquiry(d)).isEqualTo("BTC|DRW1008IM|BOOT");
        }
        try (DownloadDrive d = Wire.open("emu:btc-drw1008?image=" + file)) {
            assertThat(Wire.revision(d)).as("boot mode survives a restart").isEqualTo("BOOT");
            download(d, good, sum(good));
            save(d);
            d.clock().sleep(Duration.ofSeconds(50));
            Wire.waitReady(d, 300);
            assertThat(Wire.revision(d)).isEqualTo("0058");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(good);
    }
}
