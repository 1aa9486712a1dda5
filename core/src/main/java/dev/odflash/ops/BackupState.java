package dev.odflash.ops;

import java.util.Locale;

/**
 * The state a backup sidecar records (docs/architecture.md Contracts, "Backups"): a complete backup, or
 * a dump of a half-written drive kept as evidence and never used as a backup (safety rule 2), or what a
 * restore replaced.
 */
public enum BackupState {
    COMPLETE, INTERRUPTED,
    /**
     * What the drive held when a restore began, read whole twice and identical: a restore is usually run
     * on a drive that is damaged, so nothing vouches for this content. It is kept (a restore can be
     * undone with it, named), but it is never a known image to `status`, never restored unasked, never
     * the pending flash's backup a restore picks by default.
     */
    PRE_RESTORE,
    /** A sidecar whose state is neither word: vouches for nothing. */
    UNRECOGNISED;

    /** The word in the sidecar and in output. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The state a sidecar's text names; anything else is {@link #UNRECOGNISED}, never an exception. */
    public static BackupState of(String word) {
        return switch (word) {
            case "complete" -> COMPLETE;
            case "interrupted" -> INTERRUPTED;
            case "pre-restore" -> PRE_RESTORE;
            default -> UNRECOGNISED;
        };
    }
}
