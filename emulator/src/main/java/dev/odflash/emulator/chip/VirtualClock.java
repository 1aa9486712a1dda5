package dev.odflash.emulator.chip;

import dev.odflash.transport.DeviceClock;

import java.time.Duration;

/**
 * Simulated device time for an emulated drive: starts at 0 and moves only when the chip, the bus or
 * a host wait advances it, so simulated durations are exact and repeatable (docs/architecture.md "The
 * emulated drive is a drive", "Host waits run on the transport's clock"). Confined to its drive's thread, as
 * {@link FlashChipModel} is: a plain field, no atomics.
 *
 * <p>Paced to the wall clock ({@link #paceToWall}, the {@code timescale=} spec parameter; `emu attach`
 * always paces), it never runs slower than the wall clock times the scale: behind a real kernel the host's
 * waits take real time, and a burn in the background finishes when that much real time (divided by the
 * scale) has passed. It still jumps ahead when the chip or the bus advances it.
 */
public final class VirtualClock implements DeviceClock {
    /** The largest timescale: beyond it a whole burn takes less than one command's round trip. */
    public static final long MAX_TIMESCALE = 10_000;
    private long nanos;
    private long scale;
    private long wallStart;

    /**
     * From now on the clock runs at least {@code timescale} times as fast as the wall clock, reports itself as
     * not simulated, and a host wait really waits (its duration divided by the scale).
     */
    public void paceToWall(long timescale) {
        if (timescale < 1 || timescale > MAX_TIMESCALE) {
            throw new IllegalArgumentException("timescale " + timescale + " is not from 1 to " + MAX_TIMESCALE);
        }
        scale = timescale;
        wallStart = System.nanoTime() - nanos / timescale;
    }

    /** The wall-clock pace ({@link #paceToWall}); 1 when the clock is purely simulated. */
    @Override
    public long timescale() {
        return scale == 0 ? 1 : scale;
    }

    private void catchUpWithWall() {
        if (scale > 0) {
            long wall = (System.nanoTime() - wallStart) * scale;
            if (wall > nanos) {
                nanos = wall;
            }
        }
    }

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
        catchUpWithWall();
        return nanos;
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(nanos());
    }

    /** A host wait costs no real time (it only moves the virtual clock), unless the clock is paced to the wall. */
    @Override
    public void sleep(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        if (scale > 0) {
            try {
                Thread.sleep(duration.dividedBy(scale));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catchUpWithWall();
            return;
        }
        advance(duration);
    }

    @Override
    public boolean simulated() {
        return scale == 0;
    }
}
