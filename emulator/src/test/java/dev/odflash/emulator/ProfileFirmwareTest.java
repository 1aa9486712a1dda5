package dev.odflash.emulator;

import dev.odflash.chip.ChipTable;
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
                assertThat(ProfileFirmware.generate(p, v, size)).as(p.name() + " " + v).hasSize(size);
            }
        }
    }
}
