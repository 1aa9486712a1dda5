package dev.odflash.ops.flash;

/** Asks the person at the front end; the CLI implements it (or refuses when there is no terminal). */
@FunctionalInterface
public interface Confirmation {
    /** Shows the summary and returns whether the user agreed. */
    boolean confirm(FlashSummary summary);
}
