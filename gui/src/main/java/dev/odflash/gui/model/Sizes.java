package dev.odflash.gui.model;

/** Byte counts in the units a person reads (the CLI's convention: KiB and MiB, exact bytes below 1 KiB). */
public final class Sizes {
    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return trim(bytes / 1024.0) + " KiB";
        }
        return trim(bytes / (1024.0 * 1024)) + " MiB";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
