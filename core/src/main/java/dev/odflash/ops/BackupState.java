package dev.odflash.ops;

import java.util.Locale;

/**
 * The state a backup sidecar records (docs/architecture.md Contracts, "Backups"): a complete backup, or
 * a dump of a half-written drive kept as evidence and never used as a backup (safety rule 2).
 */
public enum BackupState {
    COMPLETE, INTERRUPTED,
    /** A sidecar whose state is neither word: vouches for nothing. */
    UNRECOGNISED;

    /** The word in the sidecar and in output. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a sidecar's text names; anything else is {@link #UNRECOGNISED}, never an exception. */
    public static BackupState of(String word) {
        return switch (word) {
            case "complete" -> COMPLETE;
            case "interrupted" -> INTERRUPTED;
            default -> UNRECOGNISED;
        };
    }
}
