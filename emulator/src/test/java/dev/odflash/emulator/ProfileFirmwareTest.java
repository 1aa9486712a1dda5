package dev.odflash.emulator;

import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every version of every profile generates, at the size of the profile's chip. */
class ProfileFirmwareTest {
    @Test
    void everyVersionOfEveryProfile() {
        ChipTable chips = ChipTable.builtIn();
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            int size = (int) EmulatedDrives.chipFor(p, null, chips).size();
            for (String v : p.versions()) {
                byte[] image = p.family().chipStyle() ? Mtk8051Firmware.generate(p.vendor(), p.product(), v, size)
                        : DownloadFirmware.image(p, v);
                assertThat(image).as(p.name() + " " + v).hasSize(size);
            }
        }
    }
}
