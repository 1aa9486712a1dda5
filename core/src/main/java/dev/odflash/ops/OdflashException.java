package dev.odflash.ops;

/** A failure a user sees as a message and an exit code; never as a stack trace unless --debug. */
public class OdflashException extends Exception {
    private final ExitCode exitCode;

    public OdflashException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public OdflashException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static OdflashException usage(String message) {
        return new OdflashException(ExitCode.USAGE, message);
    }

    public static OdflashException refused(String message) {
        return new OdflashException(ExitCode.REFUSED, message);
    }

    public static OdflashException device(String message, Throwable cause) {
        return new OdflashException(ExitCode.DEVICE, message, cause);
    }
}
