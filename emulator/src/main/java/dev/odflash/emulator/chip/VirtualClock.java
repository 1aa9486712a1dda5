package dev.odflash.emulator.chip;

import dev.odflash.transport.DeviceClock;

import java.time.Duration;

/**
 * Simulated device time for an emulated drive: starts at 0 and moves only when the chip, the bus or
 * a host wait advances it, so simulated durations are exact and repeatable (docs/architecture.md "The
 * emulated drive is a drive", "Host waits run on the transport's clock"). Confined to its drive's thread, as
 * {@link FlashChipModel} is: a plain field, no atomics.
 */
public final class VirtualClock implements DeviceClock {
    private long nanos;

    public void advance(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("time does not run backwards: " + deltaNanos + " ns");
        }
        nanos += deltaNanos;
    }

    public void advance(Duration duration) {
        advance(duration.toNanos());
    }

    public long nanos() {
        return nanos;
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    /** A host wait costs no real time: it only moves the virtual clock. */
    @Override
    public void sleep(Duration duration) {
        if (!duration.isNegative()) {
            advance(duration);
        }
    }

    @Override
    public boolean simulated() {
        return true;
    }
}
