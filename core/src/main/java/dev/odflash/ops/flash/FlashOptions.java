package dev.odflash.ops.flash;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user allowed for one flash (each flag names the gate it opens).
 *
 * @param backupFile a backup the user vouches for; accepted only if its hash equals the drive now
 */
public record FlashOptions(boolean allowCrossFlash, boolean allowReinstall, boolean allowOlder, boolean includeBoot,
                           boolean assumeYes, boolean dryRun, Optional<Path> backupFile) {
    public static FlashOptions defaults() {
        return new FlashOptions(false, false, false, false, false, false, Optional.empty());
    }
}
