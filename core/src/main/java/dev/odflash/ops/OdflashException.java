package dev.odflash.ops;

/**
 * A failure a user sees, carrying one {@link Failure} fact; a view turns the fact into words and an exit
 * code (never a stack trace unless the user asks for one). The message is the fact's reason.
 */
public class OdflashException extends Exception {
    private final Failure failure;

    public OdflashException(Failure failure) {
        this(failure, null);
    }

    public OdflashException(Failure failure, Throwable cause) {
        super(failure.reason(), cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public static OdflashException usage(String reason) {
        return new OdflashException(new Failure.UsageProblem(reason));
    }

    public static OdflashException refused(Gate gate, String reason) {
        return new OdflashException(new Failure.Refusal(gate, reason));
    }

    public static OdflashException refused(Gate gate, String reason, Choice override) {
        return new OdflashException(new Failure.Refusal(gate, reason, override));
    }

    /** A device failure; {@code cause} (or one of its causes) is usually the {@link dev.odflash.transport.TransportException}. */
    public static OdflashException device(String reason, Throwable cause) {
        return device(reason, cause, null);
    }

    public static OdflashException device(String reason, Throwable cause, String command) {
        return new OdflashException(Failure.DeviceFailure.of(reason, cause, command), cause);
    }

    public static OdflashException mismatch(String reason) {
        return new OdflashException(new Failure.Mismatch(reason));
    }

    public static OdflashException interrupted(String reason, boolean journalKept) {
        return new OdflashException(new Failure.Interrupted(reason, journalKept));
    }

    public static OdflashException bug(String reason) {
        return new OdflashException(new Failure.Bug(reason));
    }
}
