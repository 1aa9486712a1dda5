package dev.odflash.cli;

import dev.odflash.bytes.Sha256;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.status.KnownImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Images odflash can name by content for `status`: an emulated profile's synthetic versions. */
final class KnownImages {
    private KnownImages() {
    }

    static List<KnownImage> forDrive(String spec, DriveInfo info) {
        List<KnownImage> out = new ArrayList<>();
        if (!EmulatorSpec.isEmulator(spec) || info.flashSize().isEmpty()) {
            return out;
        }
        Optional<EmulatorProfile> profile = EmulatorProfiles.byName(EmulatorSpec.parse(spec).profile());
        int size = (int) info.flashSize().get().bytes();
        if (profile.isEmpty() || !Mtk8051Firmware.SIZES.contains(size)) {
            return out;
        }
        for (String v : profile.get().versions()) {
            byte[] image = Mtk8051Firmware.generate(profile.get().vendor(), profile.get().product(), v, size);
            out.add(new KnownImage("synthetic firmware " + v, Sha256.hex(image)));
        }
        return out;
    }
}
