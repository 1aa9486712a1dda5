package dev.odflash.cli;

/** Byte counts and durations as people read them. */
final class Sizes {
    private Sizes() {
    }

    /**
     * One unit style everywhere a size is shown (prompts, results, progress): KiB, as flash chips and
     * their sectors are counted, whole when exact ("512 KiB", "2048 KiB"), else to one decimal; bytes below 1 KiB.
     */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    static String seconds(java.time.Duration d) {
        return String.format("%.3f s", d.toNanos() / 1e9);
    }
}
