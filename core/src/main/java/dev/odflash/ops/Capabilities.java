package dev.odflash.ops;

import dev.odflash.drive.DriveFamily;
import dev.odflash.family.Families;
import dev.odflash.family.Family;
import dev.odflash.transport.Device;

import java.util.List;
import java.util.Optional;

/**
 * The capability lines `info` prints: for backup, flash and verify, how odflash would do it on this
 * drive or why it cannot. Each family words its own (its package's capability texts); an unknown drive
 * gets none of them. Kept honest: what is not built yet says so.
 */
public final class Capabilities {
    private Capabilities() {
    }

    public static List<Capability> of(DriveInfo info, Device device) {
        Optional<Family> family = Families.of(info);
        if (family.isEmpty()) {
            String why = "unknown drive (" + info.inquiry().vendor() + " / " + info.inquiry().product()
                    + "): odflash sends it no vendor command";
            return List.of(new Capability("backup", false, why), new Capability("flash", false, why),
                    new Capability("verify", false, why));
        }
        return family.get().capabilities(info, device);
    }

    /**
     * What odflash does for a family in general, before any drive is probed: the same words `info` gives
     * a drive of that family (doctor's path lines come from here, so the two never disagree).
     */
    public static List<Capability> ofFamily(DriveFamily family) {
        return Families.of(family).capabilities();
    }

    /** Whether odflash has a path to read this drive's flash (backup, status by content, verify). */
    public static boolean readable(DriveInfo info, Device device) {
        return Families.of(info).flatMap(f -> f.reader(info, device)).isPresent();
    }

    /** Why the flash of this drive cannot be read, for messages. */
    public static String backupUnavailableReason(DriveInfo info, Device device) {
        return Families.of(info).map(f -> f.noReadPathReason(info, device))
                .orElse("unknown drive, no vendor command is sent");
    }
}
