package dev.odflash.ops;

import java.util.Locale;

/**
 * What a backup covers (the sidecar's {@code coverage}): the whole flash, or only the regions a flash keeps
 * ({@link RegionsRead}). A sidecar written before the field existed covers the whole flash.
 */
public enum BackupCoverage {
    FULL, REGIONS;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The coverage a sidecar's word names; empty for a word odflash never writes. */
    public static java.util.Optional<BackupCoverage> of(String word) {
        for (BackupCoverage c : values()) {
            if (c.word().equals(word)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
