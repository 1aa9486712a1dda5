package dev.odflash.ops.status;

/** One 64 KiB bank of a half-written drive against the images of its pending flash. */
public record BankState(int bank, long offset, Match match) {
    public enum Match {
        /** The old and the new image agree here and the drive holds that. */
        BOTH,
        OLD,
        NEW,
        NEITHER;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
