package dev.odflash.gui.model;

import dev.odflash.transport.UserActions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The engine's typed user-action prompts (core transport.UserActions) as a banner: what to do, and how long
 * the engine keeps trying, counted down against the clock so the banner goes when the engine's wait is over.
 * The engine asks from the worker; the banner changes on the UI thread.
 * Every drive the window's view-models open is opened with this model as its UserActions (PromptingHost); the
 * banner's Cancel stops the engine's wait ({@link #cancelled()}), so the operation ends with its typed failure.
 * One banner per window: with several drives waiting at once, Cancel stops every one of those waits.
 */
public final class PromptModel implements UserActions {
    /** One prompt on screen until {@code until}. */
    public record Prompt(Action action, Instant until) {
        public String heading() {
            return switch (action) {
                case POWER_CYCLE -> "Switch the drive off and on again now";
            };
        }

        public String detail(Duration left) {
            return switch (action) {
                // docs/protocols.md §2.6.2: 8051-era drives take the vendor intro only just after power-on
                case POWER_CYCLE -> "The drive did not take the vendor intro; many older drives take it only within"
                        + " about a second of power-on. odflash keeps trying for " + left.toSeconds() + " s more.";
            };
        }
    }

    private final Clock clock;
    private final Threads threads;
    private final Changes changes = new Changes();
    private Optional<Prompt> shown = Optional.empty(); // read and written on the UI thread only
    private volatile boolean cancelled; // set on the UI thread, read by the engine on the worker

    public PromptModel(Clock clock, Threads threads) {
        this.clock = clock;
        this.threads = threads;
    }

    public Changes changes() {
        return changes;
    }

    /** Called by the engine on the worker: shows the banner and tells the engine someone was asked. */
    @Override
    public boolean ask(Action action, Duration wait) {
        cancelled = false; // a new wait: an earlier Cancel was for an earlier one
        Prompt p = new Prompt(action, clock.instant().plus(wait));
        threads.ui().execute(() -> {
            shown = Optional.of(p);
            changes.fire();
        });
        return true;
    }

    /** The prompt on screen, if its wait has not run out (a timer on the view calls {@link #tick()}). */
    public Optional<Prompt> shown() {
        return shown;
    }

    /** What is left of the engine's wait; zero once it is over. */
    public Duration left() {
        return shown.map(p -> Duration.between(clock.instant(), p.until())).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    /** Drops the banner once the engine's wait is over. */
    public void tick() {
        if (shown.isPresent() && left().isZero()) {
            dismiss();
        } else if (shown.isPresent()) {
            changes.fire(); // the countdown moved
        }
    }

    /** Called by the engine between attempts: whether the user pressed Cancel since it asked. */
    @Override
    public boolean cancelled() {
        return cancelled;
    }

    /** Cancel on the banner: the engine stops waiting at its next attempt and the operation fails, typed. */
    public void cancel() {
        cancelled = true;
        dismiss();
    }

    /** The user closed the banner (the engine keeps waiting; {@link #cancel()} stops it). */
    public void dismiss() {
        shown = Optional.empty();
        changes.fire();
    }
}
