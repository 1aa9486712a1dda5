package dev.odflash.emulator;

/**
 * Bus timing of the emulated link. ATA PIO mode 4 moves 16.7 MB/s (ATA/ATAPI-4: 120 ns cycle, 2 bytes
 * a cycle), the rate an 8051-era drive's vendor mode runs at; each command adds a fixed overhead for
 * the packet and status phases (100 µs: inference, no source gives it).
 */
public final class AtapiBus {
    public static final double BYTES_PER_SECOND = 2.0 / 120e-9;
    public static final long COMMAND_OVERHEAD_NANOS = 100_000;

    private AtapiBus() {
    }

    public static long transferNanos(long bytes) {
        return Math.round(bytes / BYTES_PER_SECOND * 1e9);
    }

    public static long commandNanos(long bytes) {
        return COMMAND_OVERHEAD_NANOS + transferNanos(bytes);
    }
}
