package dev.odflash.emulator;

import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;

import java.util.List;

/**
 * A built-in emulated drive: what it reports, which family and image layout it has, the chip it is
 * modelled with by default and the synthetic firmware versions it offers (oldest first).
 */
public record EmulatorProfile(String name, DriveFamily family, ImageLayout layout, String vendor, String product,
                              String defaultChip, String defaultVersion, List<String> versions, String description) {
    public EmulatorProfile {
        versions = List.copyOf(versions);
    }
}
