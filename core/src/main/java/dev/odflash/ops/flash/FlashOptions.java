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
 * @param cancellation  the user's request to stop, looked at only at the write's safe points
 */
public record FlashOptions(boolean allowCrossFlash, boolean allowReinstall, boolean allowOlder, boolean includeBoot,
                           boolean assumeYes, boolean dryRun, Optional<Path> backupFile, boolean withoutBackup,
                           Mt19xxVariant mt19xxVariant, Cancellation cancellation) {
    public static FlashOptions defaults() {
        return new FlashOptions(false, false, false, false, false, false, Optional.empty(), false,
                Mt19xxVariant.REDUMPER, Cancellation.none());
    }
}
