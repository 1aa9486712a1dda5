package dev.odflash.ops.status;

import dev.odflash.ops.DriveInfo;

/**
 * Versions this drive is known to have been flashed with, for `status` on a drive whose contents
 * cannot be read (identity basis). The seam for the flash history a later issue records with each
 * entry; until then {@link #NONE} knows nothing and only the known images vouch for a version.
 */
@FunctionalInterface
public interface FlashHistory {
    FlashHistory NONE = (drive, version) -> false;

    /** Whether a completed flash of {@code version} to this drive is on record. */
    boolean recorded(DriveInfo drive, String version);
}
