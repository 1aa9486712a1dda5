package dev.odflash.ops;

/** Progress of a long operation; the CLI renders it as a bar or as plain lines, the GUI as a widget. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (phase, done, total) -> {
    };

    /** {@code done} of {@code total} bytes (or units) of {@code phase} ("read pass 1/2") are finished. */
    void update(String phase, long done, long total);
}
