package dev.odflash.emulator.download;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.protocol.Spc;
import dev.odflash.transport.Device;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated units answer their serial both ways a host may ask (the journal key, docs/architecture.md "Options and output"): GET CONFIGURATION
 * feature 0x0108 and INQUIRY VPD page 0x80, decoded from the CDB by the emulator; a drive without a
 * serial offers no VPD page.
 */
class UnitSerialVpdTest {
    @Test
    void mt19xxUnitsReportTheirSerialInVpd80AndFeature0108() throws Exception {
        for (String profile : new String[] {"asus-bw16d1ht", "samsung-se506cb"}) {
            String expected = DownloadFirmware.serial(EmulatorProfiles.byName(profile).orElseThrow(), "B");
            try (DownloadDrive d = Wire.open("emu:" + profile + "?unit=B")) {
                Spc spc = new Spc(d.scsi());
                assertThat(spc.unitSerialNumber()).as(profile).contains(expected);
                assertThat(spc.getConfiguration().unitSerial()).as(profile).contains(expected);
            }
            try (DownloadDrive d = Wire.open("emu:" + profile + "?unit=C")) {
                assertThat(new Spc(d.scsi()).unitSerialNumber()).isNotEqualTo(java.util.Optional.of(expected));
            }
        }
    }

    @Test
    void drivesWithoutASerialOfferNoVpdPage() throws Exception {
        for (String spec : new String[] {"emu:tsst-ts-h353c", "emu:asus-crw-5224a"}) {
            try (Device d = EmulatedDrives.open(spec, ChipTable.builtIn())) {
                Spc spc = new Spc(d.scsi());
                assertThat(spc.unitSerialNumber()).as(spec).isEmpty();
                assertThat(spc.getConfiguration().unitSerial()).as(spec).isEmpty();
            }
        }
    }
}
