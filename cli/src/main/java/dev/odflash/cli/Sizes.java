package dev.odflash.cli;

/** Byte counts and durations as people read them. */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format("%.1f MiB", bytes / (double) (1 << 20));
        }
        if (bytes >= 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    static String seconds(java.time.Duration d) {
        return String.format("%.3f s", d.toNanos() / 1e9);
    }
}
