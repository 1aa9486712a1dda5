package dev.odflash.emulator.chip;

import dev.odflash.transport.DeviceClock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated device time for an emulated drive: starts at 0 and moves only when the chip, the bus or
 * a host wait advances it, so simulated durations are exact and repeatable (docs/architecture.md "The
 * emulated drive is a drive", "Host waits run on the transport's clock").
 */
public final class VirtualClock implements DeviceClock {
    private final AtomicLong nanos = new AtomicLong();

    public void advance(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("time does not run backwards: " + deltaNanos + " ns");
        }
        nanos.addAndGet(deltaNanos);
    }

    public void advance(Duration duration) {
        advance(duration.toNanos());
    }

    public long nanos() {
        return nanos.get();
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get());
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
