package dev.odflash.emulator.chip;

/**
 * A {@link CellSink} could not keep the cells (the {@code ?image=} file's disk is full or failing):
 * the emulated drive's storage failed. Unchecked because it surfaces inside a chip call; each drive
 * turns it into the host's device error at the command that hit it.
 */
public final class CellSinkFailure extends RuntimeException {
    public CellSinkFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the host is told: a device error naming the file and the OS's reason. */
    public String forHost(String what) {
        Throwable c = getCause();
        return what + ": the emulated drive's storage failed: " + getMessage()
                + (c == null || c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
    }
}
