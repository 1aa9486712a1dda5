package dev.odflash.ops.flash;

/** How a flash established its success (safety rule 5: only a verify ends a flash). */
public enum Verification {
    /** The whole chip read back identical to the image (chip style). */
    WHOLE_CHIP("whole-chip"),
    /** The flash read back through the drive and compared (MT19xx, outside the region it ignores). */
    READ_BACK("read-back"),
    /**
     * A drive that refuses a whole-flash read (MT19xx, regions only): the regions it allows read back equal
     * and the drive restarted reporting the image's revision.
     */
    REGIONS("regions"),
    /** The drive restarted reporting the image's revision (a family without a read path). */
    IDENTITY("identity"),
    /** Nothing was written (a dry run). */
    NONE("none");

    private final String word;

    Verification(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
