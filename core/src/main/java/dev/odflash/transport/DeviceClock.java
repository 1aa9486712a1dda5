package dev.odflash.transport;

import java.time.Duration;

/**
 * The clock every host-side wait goes through (polling, back-off, fixed pauses). Real drives use the
 * wall clock; emulated drives their virtual clock, so a 300 s poll costs no real time in tests.
 */
public interface DeviceClock {
    /** Time since the device was opened. */
    Duration elapsed();

    /** Waits (really, or by advancing virtual time). */
    void sleep(Duration duration);

    /** Whether this is simulated device time rather than the wall clock. */
    boolean simulated();

    /**
     * How many times faster than the wall clock device time runs (an emulated drive behind `emu attach` with
     * {@code timescale=N}); 1 for real drives and for simulated time. The trace header records it.
     */
    default long timescale() {
        return 1;
    }

    static DeviceClock wall() {
        long start = System.nanoTime();
        return new DeviceClock() {
            @Override
            public Duration elapsed() {
                return Duration.ofNanos(System.nanoTime() - start);
            }

            @Override
            public void sleep(Duration duration) {
                try {
                    Thread.sleep(duration);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public boolean simulated() {
                return false;
            }
        };
    }
}
