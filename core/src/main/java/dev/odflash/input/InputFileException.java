package dev.odflash.input;

import java.io.IOException;

/**
 * Why an input file was not read: a typed fact for the caller, who owns the words around it and the exit
 * code (the CLI: {@link Reason#TOO_LARGE} is a refusal, every other reason a usage error).
 */
public final class InputFileException extends IOException {
    public enum Reason {
        /** No such file, or it cannot be opened for reading. */
        MISSING,
        /** A directory, FIFO, socket or device: refused before any read (a FIFO would block, /dev/zero never ends). */
        NOT_REGULAR,
        /** Larger than the bound the caller gave (a file, or one line of a text file). */
        TOO_LARGE,
        /** The file was replaced or changed between the check and the read. */
        CHANGED,
        /** A read failed. */
        UNREADABLE
    }

    private final Reason reason;

    public InputFileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
