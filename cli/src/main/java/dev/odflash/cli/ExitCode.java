package dev.odflash.cli;

/** The documented exit-code contract (docs/architecture.md "Contracts"). */
public enum ExitCode {
    OK(0, "done as asked"),
    INTERNAL(1, "internal error (a bug)"),
    USAGE(2, "usage: an unknown command or option, bad flags, bad device spec, unknown profile, unreadable input"
            + " or not a regular file, a malformed --chip-db or trace, unwritable output"),
    DEVICE(3, "device or transport: no such device, no answer (vendor commands dropped by a USB bridge too, in"
            + " doctor, backup, flash, status and verify alike), OS error, a failed doctor check"),
    REFUSED(4, "refused, nothing was written: a gate, an existing output file, no confirmation,"
            + " an input file larger than its bound, a drive in use by another odflash"),
    MISMATCH(5, "mismatch: verify failed, or the drive matches no known image"),
    INTERRUPTED(130, "interrupted (Ctrl-C, SIGINT or SIGTERM): a write stopped at a safe point with its journal"
            + " kept (the same command resumes it), or a read stopped with nothing published");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The word used as "kind" in JSON errors. */
    public String kind() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
