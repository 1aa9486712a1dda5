package dev.odflash.emulator;

import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;

/**
 * The synthetic image of one version for any profile, as `emu firmware` writes it: mtk8051 profiles
 * sized for the chip; download-family profiles as a vendor updater carries them (fixed size, no
 * per-unit data; MT1959 CMACs under {@link DownloadFirmware#MT1959_KEY}).
 */
public final class ProfileFirmware {
    private ProfileFirmware() {
    }

    public static byte[] generate(EmulatorProfile profile, String version, int chipSize) {
        if (profile.family().chipStyle()) {
            return Mtk8051Firmware.generate(profile.vendor(), profile.product(), version, chipSize);
        }
        return DownloadFirmware.image(profile, version);
    }
}
