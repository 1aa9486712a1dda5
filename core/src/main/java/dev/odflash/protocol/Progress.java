package dev.odflash.protocol;

/**
 * Progress of a long operation as typed events (docs/architecture.md "Layers and who may depend on whom"): every read, write, verify
 * and download reports {@link Event}s; a view words them (the CLI as a bar or plain lines, a GUI as a
 * widget). One interface for the operations and the download protocols alike.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = event -> {
    };

    /** What is in progress. */
    enum Phase {
        /** Reading the flash; {@link Event#pass()} is the read pass (1, 2; 3 when the first two disagreed). */
        READ,
        /** Erasing and programming; {@link Event#pass()} is the write round (1, then 2.. after a re-plan). */
        WRITE,
        /** Reading back to compare with the image. */
        VERIFY,
        /** Sending an image to a download-style drive. */
        DOWNLOAD,
        /** Waiting while the drive burns what it was sent. */
        BURN_WAIT
    }

    /** What {@link Event#done()} and {@link Event#total()} count. */
    enum Unit { BYTES, SECONDS }

    /** {@code done} of {@code total} units of {@code phase} (pass or round {@code pass}, 1 when there is one) are finished. */
    record Event(Phase phase, int pass, Unit unit, long done, long total) {
    }

    void update(Event event);

    /** Shorthand: {@code done} of {@code total} bytes. */
    default void bytes(Phase phase, int pass, long done, long total) {
        update(new Event(phase, pass, Unit.BYTES, done, total));
    }
}
