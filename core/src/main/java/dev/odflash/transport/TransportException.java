package dev.odflash.transport;

/**
 * An OS-level or link-level failure: the command did not complete as a SCSI command at all (no
 * device, no permission, timeout, the drive stopped answering, a buffer the path refuses). Carries
 * the OS error number where there is one.
 */
public class TransportException extends Exception {
    public enum Kind {
        NO_DEVICE, PERMISSION, NOT_SCSI, BUSY, TIMEOUT, NO_ANSWER, BAD_BUFFER, TRANSFER_TOO_LARGE, OS_ERROR
    }

    private final Kind kind;
    private final int osError;

    public TransportException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public TransportException(Kind kind, String message, int osError, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.osError = osError;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Who failed, as a sentence starts: the host path, when a transfer was larger than it takes (the
     * drive was never asked: {@link HostTransferLimit}), otherwise the drive.
     */
    public String whoFailed() {
        return kind == Kind.TRANSFER_TOO_LARGE ? "the host path refused a transfer" : "the drive stopped answering";
    }

    /** errno on Linux, GetLastError on Windows, 0 when the failure has no OS error number. */
    public int osError() {
        return osError;
    }
}
