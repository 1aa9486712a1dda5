package dev.odflash.emulator.download;

import dev.odflash.emulator.firmware.BtcFirmware;
import dev.odflash.emulator.firmware.Mt1939Firmware;
import dev.odflash.emulator.firmware.Mt1959Firmware;
import dev.odflash.emulator.firmware.TsstFirmware;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static dev.odflash.emulator.download.TsstWire.flash;
import static dev.odflash.emulator.download.Wire.cdb;
import static dev.odflash.emulator.download.Wire.none;
import static dev.odflash.emulator.download.Wire.out;
import static dev.odflash.emulator.download.Wire.status;
import static dev.odflash.emulator.download.Wire.tur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bridges, timeouts and power cuts against every download personality. */
class DownloadFaultsTest {
    static final String ALL = "btc-drw1008,tsst-ts-h353c,samsung-sd616f,samsung-se506cb,asus-bw16d1ht";

    @TempDir
    Path dir;

    @Test
    void aDroppingBridgeSwallowsFfCdbsButLetsWriteBufferThrough() throws Exception {
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c?bridge=drop-vendor")) {
            assertThat(Wire.revision(d)).isEqualTo("SB01");
            assertThatThrownBy(() -> out(d, flash(0x00), new byte[0xFC00])).isInstanceOf(TransportException.class)
                    .hasMessageContaining("drops vendor commands")
                    .extracting(e -> ((TransportException) e).kind()).isEqualTo(TransportException.Kind.NO_ANSWER);
            assertThat(d.droppedByBridge()).isEqualTo(1);
            assertThat(d.writeCommands()).as("nothing reached the drive").isZero();
        }
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?bridge=drop-vendor")) {
            assertThat(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("GOOD");
            assertThat(Mt1959Wire.read(d, 0x3000, 16)).hasSize(16);
            assertThat(d.writeCommands()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-drw1008", "tsst-ts-h353c", "samsung-sd616f", "samsung-se506cb", "asus-bw16d1ht"})
    void aTimedOutCommandIsNotAnsweredAndTheDriveGoesOn(String profile) throws Exception {
        try (DownloadDrive d = Wire.open("emu:" + profile + "?fault=timeout@cmd:2")) {
            String revision = Wire.revision(d);
            long before = d.clock().elapsed().toNanos();
            assertThatThrownBy(() -> tur(d)).isInstanceOf(TransportException.class)
                    .extracting(e -> ((TransportException) e).kind()).isEqualTo(TransportException.Kind.TIMEOUT);
            assertThat(d.clock().elapsed().toNanos() - before).isGreaterThanOrEqualTo(Wire.TIMEOUT.toNanos());
            assertThat(Wire.revision(d)).isEqualTo(revision);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-drw1008", "tsst-ts-h353c", "samsung-sd616f", "samsung-se506cb", "asus-bw16d1ht"})
    void powerLostOutsideABurnLeavesTheOldFirmware(String profile) throws Exception {
        Path file = dir.resolve(profile + ".bin");
        String revision;
        try (DownloadDrive d = Wire.open("emu:" + profile + "?image=" + file + "&fault=powerloss@cmd:2")) {
            revision = Wire.revision(d);
            assertThatThrownBy(() -> tur(d)).isInstanceOf(TransportException.class);
            assertThatThrownBy(() -> Wire.revision(d)).as("nothing answers after the cut")
                    .isInstanceOf(TransportException.class);
        }
        try (DownloadDrive d = Wire.open("emu:" + profile + "?image=" + file)) {
            assertThat(Wire.revision(d)).isEqualTo(revision);
        }
    }

    @Test
    void btcPowerCutDuringTheWaitLeavesAPartlyWrittenFlashThatAnotherDownloadRepairs() throws Exception {
        byte[] image = BtcFirmware.generate("DRW1008IM", "0076");
        Path file = dir.resolve("btc.bin");
        byte[] old;
        try (DownloadDrive d = Wire.open("emu:btc-drw1008?image=" + file + "&fault=powerloss@cmd:259")) {
            old = d.chipModel().contents();
            BtcDriveTest.download(d, image, BtcDriveTest.sum(image));
            assertThat(BtcDriveTest.save(d)).isEqualTo("GOOD");
            d.clock().sleep(Duration.ofSeconds(3)); // the user pulls the plug before btcflash's 50 s are over
            assertThatThrownBy(() -> tur(d)).isInstanceOf(TransportException.class);
        }
        byte[] cut = Files.readAllBytes(file);
        assertThat(cut).isNotEqualTo(old).isNotEqualTo(image);
        try (DownloadDrive d = Wire.open("emu:btc-drw1008?image=" + file)) {
            // 8051-era images carry no sum the boot loader could check (§2.3, §4.1): a mixed image whose
            // banks and template look right boots, and reports whichever template the flash holds
            assertThat(Wire.revision(d)).isIn("BOOT", "0040", "0076");
            BtcDriveTest.download(d, image, BtcDriveTest.sum(image));
            BtcDriveTest.save(d);
            d.clock().sleep(Duration.ofSeconds(50));
            Wire.waitReady(d, 300);
            assertThat(Wire.revision(d)).isEqualTo("0076");
        }
    }

    @Test
    void mt1939PowerCutAtTheStallCommandLeavesTheOldFirmwareAndAChipCutInsideTheStallBootsIntoBootMode()
            throws Exception {
        Path file = dir.resolve("se.bin");
        byte[] old;
        // block 17 completes the first MiB, whose burn its ~10 s stall holds: cut during command 17, it does not
        // complete, so that burn never starts (powerloss@cmd:N, one meaning for every personality)
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb?image=" + file + "&fault=powerloss@cmd:17")) {
            old = d.chipModel().contents();
            assertThatThrownBy(() -> TsstWire.downloadMt1939(d, Mt1939Firmware.generate("TS04")))
                    .isInstanceOf(TransportException.class).hasMessageContaining("power lost during command 17");
            assertThat(d.chipModel().eraseCalls()).as("the burn never started").isZero();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(old);
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb?image=" + file + "&fault=seed=3,powerloss@erase:40")) {
            assertThat(Wire.revision(d)).isEqualTo("TS01");
            assertThatThrownBy(() -> TsstWire.downloadMt1939(d, Mt1939Firmware.generate("TS04")))
                    .isInstanceOf(TransportException.class)
                    .extracting(e -> ((TransportException) e).kind()).isEqualTo(TransportException.Kind.NO_ANSWER);
            assertThat(d.chipModel().partialErases()).isEqualTo(1);
        }
        try (DownloadDrive d = Wire.open("emu:samsung-se506cb?image=" + file)) {
            assertThat(Wire.revision(d)).isEqualTo("BOOT");
            TsstWire.downloadMt1939(d, Mt1939Firmware.generate("TS04"));
            assertThat(Wire.revision(d)).isEqualTo("TS04");
        }
    }

    @Test
    void mt1339PowerCutInsideTheLastBlockIsReportedHonestly() throws Exception {
        Path file = dir.resolve("ts.bin");
        byte[] image = TsstFirmware.mt1339("DVD-ROM TS-H353C", "SB04");
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c?image=" + file + "&fault=seed=5,powerloss@cmd:5")) {
            assertThatThrownBy(() -> TsstWire.download(d, image, 0xFC00, 0x04)).isInstanceOf(TransportException.class);
        }
        byte[] cut = Files.readAllBytes(file);
        assertThat(cut).isNotEqualTo(image);
        try (DownloadDrive d = Wire.open("emu:tsst-ts-h353c?image=" + file)) {
            assertThat(Wire.revision(d)).as("no sum in the image: see the BTC case").isIn("BOOT", "SB01", "SB04");
            TsstWire.download(d, image, 0xFC00, 0x04);
            assertThat(Wire.revision(d)).isEqualTo("SB04");
        }
    }

    @Test
    void mt1959PowerCutWhileTurSaysLongWriteAndAChipLevelCutBothLeaveBootMode() throws Exception {
        byte[] image = Mt1959Firmware.generate("BW-16D1HT", "3.10", DownloadFirmware.MT1959_KEY, Optional.empty());
        Path file = dir.resolve("bw.bin");
        // 1 PREPARE + 128 STREAM + 1 COMMIT = 130 commands; the 131st, 2 s into the burn, loses power
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?image=" + file + "&fault=powerloss@cmd:131")) {
            assertThat(Mt1959Wire.freemkv(d, image)).isEqualTo("2/04/08");
            d.clock().sleep(Duration.ofSeconds(2));
            assertThatThrownBy(() -> tur(d)).isInstanceOf(TransportException.class)
                    .hasMessageContaining("while the drive burnt");
        }
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?image=" + file + "&fault=seed=9,powerloss@erase:40")) {
            assertThat(Wire.revision(d)).as("the CMAC table no longer matches").isEqualTo("BOOT");
            Mt1959Wire.freemkv(d, image);
            assertThatThrownBy(() -> Wire.waitReady(d, 45)).isInstanceOf(TransportException.class);
            assertThat(d.chipModel().eraseCalls()).isEqualTo(40);
        }
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?image=" + file)) {
            assertThat(Wire.revision(d)).isEqualTo("BOOT");
            Mt1959Wire.redumper(d, image);
            assertThat(Wire.waitReady(d, 60)).isEqualTo("6/29/00");
            assertThat(Wire.revision(d)).isEqualTo("3.10");
        }
    }

    @Test
    void aDamagedBootRegionGivesADriveThatAnswersNothing() throws Exception {
        Path file = dir.resolve("dead.bin");
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?image=" + file)) {
            assertThat(Wire.revision(d)).isEqualTo("3.01");
        }
        byte[] flash = Files.readAllBytes(file);
        flash[0x3000] = 'X'; // boot banner (§4.3 RD) damaged
        Files.write(file, flash);
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?image=" + file)) {
            assertThatThrownBy(() -> Wire.revision(d)).isInstanceOf(TransportException.class)
                    .extracting(e -> ((TransportException) e).kind()).isEqualTo(TransportException.Kind.TIMEOUT);
        }
    }

    @Test
    void aBusResetDropsTheDownloadAndOwesAUnitAttention() throws Exception {
        try (DownloadDrive d = Wire.open("emu:asus-bw16d1ht?fault=reset@cmd:3")) {
            assertThat(status(none(d, cdb(0x3B, 0x01, 0, 0, 0, 0, 0, 0, 0, 0)))).isEqualTo("GOOD");
            byte[] chunk = new byte[0x4000];
            assertThat(status(out(d, cdb(0x3B, 0x06, 0, 0, 0, 0, 0, 0x40, 0, 0), chunk))).isEqualTo("GOOD");
            assertThat(status(out(d, cdb(0x3B, 0x06, 0, 0, 0x40, 0, 0, 0x40, 0, 0), chunk))).isEqualTo("6/29/00");
            assertThat(status(out(d, cdb(0x3B, 0x06, 0, 0, 0x40, 0, 0, 0x40, 0, 0), chunk))).as("start again")
                    .isEqualTo("5/2C/00");
        }
    }
}
