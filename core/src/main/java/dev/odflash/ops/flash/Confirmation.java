package dev.odflash.ops.flash;

/** Asks the person at the front end; the CLI implements it (or refuses when there is no terminal). */
@FunctionalInterface
public interface Confirmation {
    /** Shows the summary and returns whether the user agreed. */
    boolean confirm(FlashSummary summary);

    /**
     * Whether anyone can answer at all (a terminal is attached). When nobody can, the pipeline refuses
     * before it reads the drive: a run that can only end in "not confirmed" must not read the whole flash
     * and file another backup first.
     */
    default boolean canAsk() {
        return true;
    }
}
