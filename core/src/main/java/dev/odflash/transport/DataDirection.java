package dev.odflash.transport;

/** Which way the data phase of a SCSI command goes, seen from the host. */
public enum DataDirection {
    NONE, IN, OUT;

    /** The lower-case word used in traces and JSON ("none", "in", "out"). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
