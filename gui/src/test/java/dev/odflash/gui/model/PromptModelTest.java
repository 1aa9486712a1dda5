package dev.odflash.gui.model;

import dev.odflash.transport.UserActions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's power-cycle prompt as a banner with a bounded wait: no display needed. */
class PromptModelTest {
    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void thePromptShowsOnTheUiThreadCountsDownAndGoesWhenTheEnginesWaitEnds() {
        Hands clock = new Hands();
        ManualExecutor ui = new ManualExecutor();
        PromptModel m = new PromptModel(clock, new Threads(Runnable::run, ui));
        AtomicInteger changes = new AtomicInteger();
        m.changes().listen(changes::incrementAndGet);

        assertThat(m.ask(UserActions.Action.POWER_CYCLE, Duration.ofSeconds(30))).isTrue(); // someone is asked
        assertThat(m.shown()).isEmpty(); // not from the engine's thread
        ui.runAll();
        assertThat(m.shown()).hasValueSatisfying(p -> assertThat(p.heading()).contains("off and on"));
        assertThat(m.left()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.shown().get().detail(m.left())).contains("30 s");

        clock.now = clock.now.plusSeconds(20);
        m.tick();
        assertThat(m.left()).isEqualTo(Duration.ofSeconds(10));
        assertThat(m.shown()).isPresent();
        clock.now = clock.now.plusSeconds(11);
        m.tick();
        assertThat(m.shown()).isEmpty();
        assertThat(m.left()).isZero();
        assertThat(changes.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theUserCanCloseTheBanner() {
        PromptModel m = new PromptModel(new Hands(), Threads.inline());
        m.ask(UserActions.Action.POWER_CYCLE, Duration.ofSeconds(30));
        assertThat(m.shown()).isPresent();
        m.dismiss();
        assertThat(m.shown()).isEmpty();
    }

    @Test
    void cancelTellsTheEngineToStopAndANewWaitStartsUncancelled() {
        PromptModel m = new PromptModel(new Hands(), Threads.inline());
        m.ask(UserActions.Action.POWER_CYCLE, Duration.ofSeconds(30));
        assertThat(m.cancelled()).isFalse();
        m.cancel();
        assertThat(m.cancelled()).isTrue(); // the engine's next check stops its wait
        assertThat(m.shown()).isEmpty();
        m.ask(UserActions.Action.POWER_CYCLE, Duration.ofSeconds(30)); // a later operation asks again
        assertThat(m.cancelled()).isFalse();
        assertThat(m.shown()).isPresent();
        m.dismiss(); // closing the banner is not a cancel
        assertThat(m.cancelled()).isFalse();
    }

    @Test
    void everyActionHasWords() {
        for (UserActions.Action a : UserActions.Action.values()) {
            PromptModel.Prompt p = new PromptModel.Prompt(a, Instant.EPOCH);
            assertThat(p.heading()).as(a.name()).isNotBlank();
            assertThat(p.detail(Duration.ofSeconds(5))).as(a.name()).contains("5 s");
        }
    }
}
