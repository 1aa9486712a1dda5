package dev.odflash.ops;

import dev.odflash.drive.DriveFamily;
import dev.odflash.transport.Device;

import java.util.List;

/**
 * The capability lines `info` prints: for backup, flash and verify, how odflash would do it on this
 * drive or why it cannot. Kept honest: what is not built yet says so.
 */
public final class Capabilities {
    private Capabilities() {
    }

    public static List<Capability> of(DriveInfo info, Device device) {
        if (info.family().isEmpty()) {
            String why = "unknown drive (" + info.inquiry().vendor() + " / " + info.inquiry().product()
                    + "): odflash sends it no vendor command";
            return List.of(new Capability("backup", false, why), new Capability("flash", false, why),
                    new Capability("verify", false, why));
        }
        DriveFamily family = info.family().get();
        if (family != DriveFamily.MTK8051) {
            String why = "the " + family.word() + " family's download protocol is not implemented in this version";
            return List.of(new Capability("backup", false, why), new Capability("flash", false, why),
                    new Capability("verify", false, why));
        }
        if (device.chipChannel().isEmpty() || info.jedecId().isEmpty()) {
            String why = backupUnavailableReason(info, device);
            return List.of(new Capability("backup", false, why), new Capability("flash", false, why),
                    new Capability("verify", false, why));
        }
        String readHow = "read the chip through the drive's vendor mode, two passes that must agree, SHA-256"
                + (device.emulated() ? " (emulated: the vendor mode's wire bytes are not public, the channel is modelled)" : "");
        boolean chipKnown = info.chip().isPresent();
        String flash = chipKnown
                ? "erase and program through the vendor mode: gates, a verified backup, a plan at the chip's"
                + " physical minimum, a journal, read-back of every block and a whole-chip verify"
                : "refused: unknown chip " + info.jedecId().get() + "; name it with --chip NAME or --chip-db FILE";
        String verify = "two agreeing reads compared with a file; `status` compares with the backup library";
        return List.of(new Capability("backup", true, readHow), new Capability("flash", chipKnown, flash),
                new Capability("verify", true, verify));
    }

    /** Why the flash of this drive cannot be read, for messages. */
    public static String backupUnavailableReason(DriveInfo info, Device device) {
        if (info.family().isEmpty()) {
            return "unknown drive, no vendor command is sent";
        }
        if (info.family().get() != DriveFamily.MTK8051) {
            return "the " + info.family().get().word() + " family's read path is not implemented in this version";
        }
        if (device.chipChannel().isEmpty()) {
            return "the 8051-era MTK vendor mode's wire bytes are not public (protocols.md §7.1), so odflash has no"
                    + " read path through " + device.spec() + "; an external programmer clip reads the chip directly";
        }
        return "the drive did not enter vendor mode or did not identify its chip";
    }
}
