package dev.odflash.ops;

/**
 * A request to stop that comes from outside an operation (the CLI's SIGINT/SIGTERM handler, on another
 * thread), and the operation's answer to it (docs/architecture.md "Interruption"). Outside a write the
 * run may end at once: nothing is written and reads publish only complete files. During a write the
 * operation looks at the request only at its safe points: a chip write between chip operations, a
 * download before its first data block; once data has gone out, the request waits until the stream,
 * the burn and the check of the result are done ({@link #beforeFirstData}).
 */
public final class Cancellation {
    /** What a request means when it arrives, for the one who asked (the CLI turns it into words). */
    public enum Answer {
        /** No write is in progress: the run may end now. */
        STOP_NOW,
        /** The first request during a write: the write stops at its next safe point. */
        AT_NEXT_SAFE_POINT,
        /** The first request once a download's data is out: the write runs to its verified end first. */
        AFTER_DEFERRED,
        /** A later request during a write: still waiting for {@link #waitingFor()}. */
        STILL_WAITING
    }

    /** Thrown at a safe point when a stop was requested: the caller turns it into a typed outcome. */
    public static final class Stopped extends Exception {
        public Stopped() {
            super("stop requested", null, false, false);
        }
    }

    private int requests;
    private String writing; // null outside a write: what the write is doing between two safe points
    private String deferredFor; // non-null while a request must wait (a download's data is out)

    /** A cancellation nobody requests (tests and callers without a signal source). */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Records a request (any thread) and answers what it means now. */
    public synchronized Answer request() {
        requests++;
        if (writing == null) {
            return Answer.STOP_NOW;
        }
        if (requests > 1) {
            return Answer.STILL_WAITING;
        }
        return deferredFor != null ? Answer.AFTER_DEFERRED : Answer.AT_NEXT_SAFE_POINT;
    }

    public synchronized boolean requested() {
        return requests > 0;
    }

    /** What a requested stop waits for: the deferred part, else the step between two safe points. */
    public synchronized String waitingFor() {
        return deferredFor != null ? deferredFor : writing == null ? "" : writing;
    }

    /** A write begins (the journal is about to be written): stops now if a request came first. */
    public synchronized void enterWrite(String step) throws Stopped {
        if (requests > 0) {
            throw new Stopped();
        }
        writing = step;
    }

    /** Names the step the write is in until its next safe point. */
    public synchronized void step(String step) {
        if (writing != null) {
            writing = step;
        }
    }

    /** The write is over (finished, failed or stopped). */
    public synchronized void leaveWrite() {
        writing = null;
        deferredFor = null;
    }

    /** A safe point: stops if a request is pending and nothing defers it. */
    public synchronized void checkpoint() throws Stopped {
        if (requests > 0 && deferredFor == null) {
            throw new Stopped();
        }
    }

    /**
     * The last safe point of a download, just before its first data block: stops if asked; otherwise every
     * later request waits for {@code until} (the stream, the burn, the check) until {@link #endDeferral}.
     */
    public synchronized void beforeFirstData(String until) throws Stopped {
        checkpoint();
        deferredFor = until;
    }

    public synchronized void endDeferral() {
        deferredFor = null;
    }
}
