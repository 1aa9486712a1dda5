package dev.odflash.emulator;

import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.firmware.Mtk8051Firmware;

import java.util.List;
import java.util.Optional;

/** The emulated drives odflash ships (architecture.md "Contracts", "Emulated drives"). */
public final class EmulatorProfiles {
    public static final EmulatorProfile ASUS_CRW_5224A = new EmulatorProfile("asus-crw-5224a", DriveFamily.MTK8051,
            ImageLayout.MTK8051, "ASUS", "CRW-5224A", "SST39SF040", "1.10", Mtk8051Firmware.VERSIONS,
            "ASUS CRW-5224A CD-RW, 8051-era MediaTek; vendor-mode chip access. The real drive's flash part and"
                    + " image size are not public (protocols.md §7.4): chip and image are modelled");

    private static final List<EmulatorProfile> ALL = List.of(ASUS_CRW_5224A);

    private EmulatorProfiles() {
    }

    public static List<EmulatorProfile> all() {
        return ALL;
    }

    public static Optional<EmulatorProfile> byName(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
