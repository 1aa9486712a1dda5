package dev.odflash.ops;

import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.transport.Device;

import java.util.List;
import java.util.Optional;

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
            return download(info);
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
                : "refused: unknown chip " + info.jedecId().get() + "; name it with " + Choice.CHIP_NAMED.mention()
                + " NAME or " + Choice.CHIP_DB.mention() + " FILE";
        String verify = "two agreeing reads compared with a file; `status` compares with the backup library";
        return List.of(new Capability("backup", true, readHow), new Capability("flash", chipKnown, flash),
                new Capability("verify", true, verify));
    }

    /**
     * What odflash does for a family in general, before any drive is probed: the same words `info` gives
     * a drive of that family (doctor's path lines come from here, so the two never disagree).
     */
    public static List<Capability> ofFamily(DriveFamily family) {
        return switch (family) {
            case MTK8051 -> List.of(
                    new Capability("backup", true, "read the chip through the drive's vendor mode, two passes that must"
                            + " agree, SHA-256; emulated drives only (the vendor mode's wire bytes are not public,"
                            + " docs/protocols.md §7.1); for a real drive an external programmer clip (flashrom:, not in this"
                            + " version)"),
                    new Capability("flash", true, "erase and program through the vendor mode (emulated drives only): gates,"
                            + " a verified backup, a plan at the chip's physical minimum, a journal, read-back of every"
                            + " block and a whole-chip verify"),
                    new Capability("verify", true, "two agreeing reads compared with a file"));
            case BTC, TSST, MT19XX -> download(family, Optional.empty());
            case EXTERNAL -> {
                String why = "an external programmer through libflashrom (FFM): not in this version";
                yield List.of(new Capability("backup", false, why), new Capability("flash", false, why),
                        new Capability("verify", false, why));
            }
        };
    }

    /** Download-style families: what their public protocols allow (docs/protocols.md §2.1-2.3). */
    private static List<Capability> download(DriveInfo info) {
        return download(info.family().orElseThrow(), info.model().map(m -> m.layout()));
    }

    private static List<Capability> download(DriveFamily family, Optional<ImageLayout> layout) {
        return switch (family) {
            case BTC -> List.of(
                    new Capability("backup", false, "btcflash only writes: no public read path for BTC drives"),
                    new Capability("flash", true, "WRITE BUFFER download (btcflash): 4 KiB chunks at offset +0x20, checksum"
                            + " header, mode 7, 50 s wait; needs " + Choice.WITHOUT_BACKUP.mention() + "; verified by identity (INQUIRY revision)"),
                    new Capability("verify", false, "no read path; a flash is verified by the revision the drive reports"));
            case TSST -> List.of(
                    new Capability("backup", false, "the FF 00 01 protocol only writes: no public read path is implemented"),
                    new Capability("flash", true, "vendor download FF 00 01 (" + layout.map(ImageLayout::word)
                            .orElse("tsst-mt1339, sd616 or mt1939") + ", redumper/coastermelt block sizes); needs"
                            + " " + Choice.WITHOUT_BACKUP.mention() + "; verified by identity (INQUIRY revision)"),
                    new Capability("verify", false, "no read path; a flash is verified by the revision the drive reports"));
            case MT19XX -> List.of(
                    new Capability("backup", true, "READ BUFFER mode 6 over the whole flash, two passes that must agree"
                            + " (whether retail firmware allows the whole range is not public: modelled)"),
                    new Capability("flash", true, "WRITE BUFFER modes 1/6/7 (redumper default, freemkv variant); boot ID"
                            + " must match; drive config and calibration kept; verified by read-back"),
                    new Capability("verify", true, "READ BUFFER read-back compared with a file"));
            default -> throw new IllegalStateException("chip-style family");
        };
    }

    /** Whether odflash has a path to read this drive's flash (backup, status by content, verify). */
    public static boolean readable(DriveInfo info, Device device) {
        return of(info, device).getFirst().available();
    }

    /** Why the flash of this drive cannot be read, for messages. */
    public static String backupUnavailableReason(DriveInfo info, Device device) {
        if (info.family().isEmpty()) {
            return "unknown drive, no vendor command is sent";
        }
        if (info.family().get() != DriveFamily.MTK8051) {
            return download(info).getFirst().how();
        }
        if (device.chipChannel().isEmpty()) {
            return "the 8051-era MTK vendor mode's wire bytes are not public (docs/protocols.md §7.1), so odflash has no"
                    + " read path through " + device.spec() + "; an external programmer clip reads the chip directly";
        }
        return "the drive did not enter vendor mode or did not identify its chip";
    }
}
