package dev.odflash.transport;

import java.time.Duration;

/**
 * Something only the user can do for the drive, asked by the protocol engine and worded by the view (the CLI prints
 * it, a GUI shows it). The engine says what and for how long it will wait; the view answers whether anyone was asked.
 */
public interface UserActions {
    /** What the user is asked to do. */
    enum Action {
        /**
         * Switch the drive off and on again: 8051-era drives often take the vendor intro only within about a second of
         * power-on (docs/protocols.md §2.6.2); the engine keeps sending the intro while it waits.
         */
        POWER_CYCLE
    }

    /**
     * Asks the user.
     *
     * @param wait how long the engine keeps trying after asking (device time)
     * @return true when someone was asked and the engine should wait; false when nobody can act now (no terminal),
     *         so the engine gives up with the instruction in its message
     */
    boolean ask(Action action, Duration wait);

    /**
     * Whether the user stopped the wait the last {@link #ask} started (a GUI's Cancel); the engine checks it between
     * re-sent intros and gives up as if the wait had run out, so its usual exit (outro and reset) still runs.
     */
    default boolean cancelled() {
        return false;
    }

    /** Nobody to ask (a library caller, a test): the engine stops with the instruction. */
    UserActions NONE = (action, wait) -> false;
}
