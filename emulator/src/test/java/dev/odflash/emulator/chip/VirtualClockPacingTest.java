package dev.odflash.emulator.chip;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A clock paced to the wall (`emu attach`, timescale=): it never runs slower than real time times the scale, says it
 * is not simulated, and a host wait really waits. Bounds only from below, which no machine's load can break.
 */
class VirtualClockPacingTest {
    @Test
    void aPacedClockRunsAtLeastTheScaleTimesTheWallClock() throws InterruptedException {
        VirtualClock c = new VirtualClock();
        c.advance(Duration.ofSeconds(3));
        c.paceToWall(100);
        long before = c.nanos();
        assertThat(before).isGreaterThanOrEqualTo(Duration.ofSeconds(3).toNanos()); // never backwards
        long t0 = System.nanoTime();
        Thread.sleep(20);
        long real = System.nanoTime() - t0;
        assertThat(c.nanos() - before).isGreaterThanOrEqualTo(real * 100 - Duration.ofMillis(1).toNanos() * 100);
        assertThat(c.simulated()).isFalse();
        assertThat(c.timescale()).isEqualTo(100);
    }

    @Test
    void aPacedHostWaitTakesRealTimeDividedByTheScale() {
        VirtualClock c = new VirtualClock();
        c.paceToWall(10);
        long t0 = System.nanoTime();
        c.sleep(Duration.ofMillis(300));
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        assertThat(c.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anUnpacedClockIsSimulatedAndAWaitCostsNoRealTime() {
        VirtualClock c = new VirtualClock();
        c.sleep(Duration.ofHours(1));
        assertThat(c.elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(c.simulated()).isTrue();
        assertThat(c.timescale()).isEqualTo(1);
    }

    @Test
    void aScaleOutsideOneToTenThousandIsRefused() {
        assertThatThrownBy(() -> new VirtualClock().paceToWall(0)).hasMessageContaining("not from 1 to 10000");
        assertThatThrownBy(() -> new VirtualClock().paceToWall(10_001)).hasMessageContaining("not from 1 to 10000");
    }
}
