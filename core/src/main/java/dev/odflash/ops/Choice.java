package dev.odflash.ops;

import java.util.Locale;

/**
 * A choice the user can make that changes what odflash does: the override a {@link Failure.Refusal}
 * names, and the options descriptive texts refer to. Core never spells them; a view does (the CLI as
 * flags, e.g. {@code ALLOW_OLDER} as the flag allow-older). Inside a core text a choice appears as
 * {@link #mention()}, which the view replaces with its own words.
 */
public enum Choice {
    ALLOW_CROSS_FLASH, ALLOW_REINSTALL, ALLOW_OLDER, INCLUDE_BOOT, WITHOUT_BACKUP,
    /** Confirm without asking (scripts). */
    YES,
    /** Name the flash chip. */
    CHIP_NAMED,
    /** Add a chip table. */
    CHIP_DB,
    /** Give the flash size. */
    SIZE_GIVEN,
    /** Vouch for an existing backup file. */
    OWN_BACKUP,
    /** Give a key file. */
    KEY_GIVEN,
    /** Evaluate without writing. */
    DRY_RUN,
    /** Another output file name. */
    OTHER_OUTPUT,
    /** Adopt another path's journal for this drive, or discard it. */
    ADOPT_JOURNAL,
    /**
     * Back up only the regions a flash keeps when the drive refuses a whole-flash read, and flash on
     * such a backup (docs/architecture.md "Safety rules", rule 2).
     */
    REGIONS_ONLY,
    /** Carve the firmware out of a vendor updater (argument: the updater file). */
    EXTRACT_UPDATER,
    /** Write although the machine runs on a low battery. */
    ALLOW_BATTERY,
    /** Pick the public CDB variant an MT19xx download speaks (argument: the variant's word). */
    MT19XX_VARIANT,
    /**
     * Clear a part's own write protection (serial block-protect bits, or a clipped chip's protection through
     * libflashrom) before writing the range it locks.
     */
    ALLOW_UNPROTECT,
    /**
     * Name the drive-table row whose rules (boot region, per-unit data) apply when the contents no longer identify
     * the drive (argument: the row's name), issue 15.
     */
    MODEL_NAMED,
    /**
     * Name the drive's family for a drive the drive table cannot tell by its answers: on the port path, the one way
     * a drive that no longer answers ATAPI is accepted (safety rule 1; argument: the family's word), issue 14.
     */
    FAMILY_NAMED,
    /**
     * Confirm by name that a clipped chip whose contents no longer identify a drive is the drive a library backup
     * came from (argument: the backup's identity key), issue 15.
     */
    IDENTITY_CONFIRMED;

    /** The JSON word: "allow-older". */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The choice whose {@link #word()} this is; empty for a word this version does not know. */
    public static java.util.Optional<Choice> ofWord(String word) {
        for (Choice c : values()) {
            if (c.word().equals(word)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /** The placeholder a core text carries where a view names this choice: "{choice:ALLOW_OLDER}". */
    public String mention() {
        return "{choice:" + name() + "}";
    }
}
