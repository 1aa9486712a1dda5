package dev.odflash.ops;

import java.util.Locale;

/**
 * The gates that refuse (a {@link Failure.Refusal}). The flash gates are safety rules 1-6 of
 * docs/architecture.md; the others guard files, confirmation and the drive lock.
 */
public enum Gate {
    FAMILY, PATH, CHIP, LAYOUT, SIZE, STRUCTURE, MODEL, VERSION, MEDIUM, BOOT,
    /** A rebanked (LiteOn) image and the drive's own content disagree on the banking (docs/protocols.md §4.1). */
    BANK_LAYOUT,
    BACKUP, PER_UNIT_DATA, JOURNAL,
    /** The user did not confirm. */
    CONFIRMATION,
    /** A backup file the user named is not one odflash vouches for. */
    BACKUP_FILE,
    /** The drive has no read path (a backup or a read was asked for). */
    READ_PATH,
    /** An output file exists: odflash never overwrites one. */
    OUTPUT_EXISTS,
    /** A firmware file that is not an image odflash reads (too large for any flash, malformed). */
    IMAGE_FILE,
    /** An input file is larger than its bound. */
    INPUT_SIZE,
    /** The drive is held by another odflash or program. */
    DRIVE_IN_USE,
    /** `journal adopt` cannot prove the drive is the journal's. */
    ADOPT,
    /** A journal command's own checks (no such journal, not this drive's). */
    JOURNAL_COMMAND,
    /** The machine is not fit for a write now: a mounted disc, the drive held by another program, a low battery. */
    HOST,
    /** Any other refusal (a demo, an extract, a conversion). */
    OTHER;

    /** The gate's name in text and JSON: "version", "per-unit data". */
    public String word() {
        return this == PER_UNIT_DATA ? "per-unit data" : name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A flash gate (safety rules), one a dry run lists. */
    public boolean flashGate() {
        return ordinal() <= JOURNAL.ordinal();
    }

    /** The gate of an ImageFit gate name ("model"), OTHER when none. */
    public static Gate ofWord(String word) {
        for (Gate g : values()) {
            if (g.word().equals(word)) {
                return g;
            }
        }
        return OTHER;
    }
}
