package dev.odflash.ops.flash;

import dev.odflash.ops.Choice;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.RegionsRead;
import dev.odflash.protocol.Progress;

import java.util.Arrays;

/**
 * Safety rule 2 for a drive that refuses a whole-flash read (docs/architecture.md "Safety rules"): a
 * regions-only backup stands for the flash only when asked for ({@link Choice#REGIONS_ONLY}), only for a
 * flash that writes this unit's own bytes back into every region it keeps, and never for a backup file
 * the user vouches for (odflash cannot compare one with a drive it cannot read whole).
 */
final class RegionsBackup {
    private RegionsBackup() {
    }

    /** A resume of a flash on such a drive: allowed only with the choice given again. */
    static void allowResume(OdflashException refused, FlashOptions options) throws OdflashException {
        if (!options.regionsOnly()) {
            throw refused;
        }
        Decisions.overridden("backup", "the drive refuses a whole-flash read", "a resume keeps its journal's backup"
                + " (the half-written drive is not dumped)");
    }

    /** Reads the regions, refusing before anything is written what such a backup cannot stand for. */
    static RegionsRead read(FlashReader reader, OdflashException refused, FlashOptions options,
                            FlashStrategy.Prepared prepared, Progress progress) throws OdflashException {
        if (options.backupFile().isPresent()) {
            throw OdflashException.refused(Gate.BACKUP, options.backupFile().get() + " cannot be checked: the drive"
                    + " refuses a whole-flash read, so odflash cannot compare it with what the drive holds; leave out "
                    + Choice.OWN_BACKUP.mention() + " and give " + Choice.REGIONS_ONLY.mention()
                    + " for a regions-only backup");
        }
        if (!options.regionsOnly()) {
            throw refused;
        }
        FlashReader.RegionsReader regions = reader.regionsOnly().orElseThrow(() -> refused);
        if (!prepared.perUnitDataKept()) {
            throw OdflashException.refused(Gate.BACKUP, "this flash does not keep the drive's own per-unit data,"
                    + " so a regions-only backup cannot stand for the flash");
        }
        RegionsRead read = regions.read(progress);
        byte[] image = prepared.image();
        for (RegionsRead.Region r : read.regions()) {
            if (r.kept() && (r.offset() + r.length() > image.length || !Arrays.equals(r.data(), 0, r.length(), image,
                    (int) r.offset(), (int) r.offset() + r.length()))) {
                throw OdflashException.refused(Gate.BACKUP, String.format("this flash would change the drive's own"
                        + " region at 0x%06X (%d bytes), which a regions-only backup needs kept", r.offset(), r.length()));
            }
        }
        Decisions.overridden("backup", "the drive refuses a whole-flash read", "a regions-only backup was asked for: "
                + read.regions().size() + " regions, each read twice and agreeing; the flash keeps the drive's own"
                + " regions, and the backup is never offered for a restore");
        return read;
    }
}
