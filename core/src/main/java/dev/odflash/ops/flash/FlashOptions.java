package dev.odflash.ops.flash;

import dev.odflash.family.Mt19xxVariant;
import dev.odflash.ops.Cancellation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user allowed for one flash (each flag names the gate it opens).
 *
 * @param backupFile    a backup the user vouches for; accepted only if its hash equals the drive now
 * @param withoutBackup flash a family that has no read path (the user accepts there is no backup)
 * @param mt19xxVariant which public CDB variant talks to MT19xx drives
 * @param regionsOnly   a drive that refuses a whole-flash read is backed up (and verified) by the regions the
 *                      flash keeps only, and a flash that keeps them may go ahead on that backup (safety rule 2)
 * @param restore       the image is to be this unit's own backup ({@link OwnBackups}): refused if it is not,
 *                      and then its version needs no option
 * @param cancellation  the user's request to stop, looked at only at the write's safe points
 * @param allowUnprotect clear a chip's write protection where the write needs it (external programmers)
 */
public record FlashOptions(boolean allowCrossFlash, boolean allowReinstall, boolean allowOlder, boolean includeBoot,
                           boolean assumeYes, boolean dryRun, Optional<Path> backupFile, boolean withoutBackup,
                           Mt19xxVariant mt19xxVariant, boolean regionsOnly, boolean restore, Cancellation cancellation,
                           boolean allowUnprotect) {
    /** Without clearing any write protection. */
    public FlashOptions(boolean allowCrossFlash, boolean allowReinstall, boolean allowOlder, boolean includeBoot,
                        boolean assumeYes, boolean dryRun, Optional<Path> backupFile, boolean withoutBackup,
                        Mt19xxVariant mt19xxVariant, boolean regionsOnly, boolean restore, Cancellation cancellation) {
        this(allowCrossFlash, allowReinstall, allowOlder, includeBoot, assumeYes, dryRun, backupFile, withoutBackup,
                mt19xxVariant, regionsOnly, restore, cancellation, false);
    }

    /** A flash (not a restore), reading the whole flash, that nobody asks to stop. */
    public FlashOptions(boolean allowCrossFlash, boolean allowReinstall, boolean allowOlder, boolean includeBoot,
                        boolean assumeYes, boolean dryRun, Optional<Path> backupFile, boolean withoutBackup,
                        Mt19xxVariant mt19xxVariant) {
        this(allowCrossFlash, allowReinstall, allowOlder, includeBoot, assumeYes, dryRun, backupFile, withoutBackup,
                mt19xxVariant, false, false, Cancellation.none());
    }

    public static FlashOptions defaults() {
        return new FlashOptions(false, false, false, false, false, false, Optional.empty(), false,
                Mt19xxVariant.REDUMPER);
    }
}
