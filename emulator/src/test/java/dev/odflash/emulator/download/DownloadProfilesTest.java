package dev.odflash.emulator.download;

import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveTable;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static dev.odflash.emulator.download.Wire.cdb;
import static dev.odflash.emulator.download.Wire.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every download profile: what it reports is a row of the host's drive table, and the common answers. */
class DownloadProfilesTest {
    @ParameterizedTest
    @ValueSource(strings = {"btc-drw1008", "tsst-ts-h353c", "samsung-sd616f", "samsung-se506cb", "asus-bw16d1ht"})
    void reportsWhatTheDriveTableKnowsUnderTheRightFamilyAndLayout(String name) throws Exception {
        EmulatorProfile profile = EmulatorProfiles.byName(name).orElseThrow();
        try (DownloadDrive d = Wire.open("emu:" + name)) {
            String[] id = Wire.inquiry(d).split("\\|");
            DriveModel row = DriveTable.builtIn().lookup(id[0], id[1]).orElseThrow();
            assertThat(row.family()).isEqualTo(profile.family());
            assertThat(row.layout()).isEqualTo(profile.layout());
            assertThat(id[2]).isEqualTo(profile.defaultVersion());
            assertThat(profile.versions()).contains(profile.defaultVersion());
            assertThat(d.chipModel().spec().name()).isEqualTo(profile.defaultChip());
            assertThat(d.chipModel().contents()).hasSize(DownloadFirmware.size(profile.layout()));
            assertThat(DownloadFirmware.image(profile, profile.versions().getLast())).hasSize(DownloadFirmware.size(profile.layout()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-drw1008", "tsst-ts-h353c", "samsung-sd616f", "samsung-se506cb", "asus-bw16d1ht"})
    void senseAndConfigurationAnswers(String name) throws Exception {
        try (DownloadDrive d = Wire.open("emu:" + name)) {
            assertThat(Wire.tur(d)).isEqualTo("2/3A/01");
            // FM's REQUEST SENSE: 03 00 00 10 80 00 with 16 bytes in (byte 4 = 0x80 on purpose)
            Wire.In sense = Wire.in(d, cdb(0x03, 0, 0, 0x10, 0x80, 0, 0, 0, 0, 0, 0, 0), 16);
            assertThat(sense.data()[2] & 0x0F).isEqualTo(2);
            assertThat(sense.data()[12]).isEqualTo((byte) 0x3A);
            Wire.In config = Wire.in(d, cdb(0x46, 0x00, 0, 0, 0, 0, 0, 0x01, 0x00, 0), 256);
            assertThat(config.result().isGood()).isTrue();
            assertThat(config.data()[9]).as("first feature: profile list").isEqualTo((byte) 0x00);
            // VPD page 0x80 where the unit has a serial (MT19xx; the journal key, docs/architecture.md "Options and output"), no EVPD page otherwise
            assertThat(status(Wire.in(d, cdb(0x12, 0x01, 0x80, 0, 0x60, 0), 96).result())).as("EVPD 0x80")
                    .isEqualTo(d.serial().isPresent() ? "GOOD" : "5/24/00");
            assertThat(d.writeCommands()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-drw1008", "tsst-ts-h353c", "samsung-sd616f", "samsung-se506cb", "asus-bw16d1ht"})
    void hostPathLimitsApplyBeforeTheDrive(String name) throws Exception {
        try (DownloadDrive d = Wire.open("emu:" + name + "?maxxfer=4096")) {
            assertThatThrownBy(() -> Wire.out(d, TsstWire.flash(0), new byte[0x8000]))
                    .isInstanceOf(TransportException.class)
                    .extracting(e -> ((TransportException) e).kind()).isEqualTo(TransportException.Kind.TRANSFER_TOO_LARGE);
            assertThat(d.writeCommands()).isZero();
            assertThat(d.commands()).as("the OS refused it before the drive").isZero();
        }
    }
}
