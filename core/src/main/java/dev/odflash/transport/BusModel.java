package dev.odflash.transport;

/**
 * Time a link adds to each command: a fixed overhead for the packet and status phases plus the data
 * transfer at the link's rate. Used by the emulator to advance its clock and by the planner and
 * benchmarks to price a plan, so both use one model.
 */
public record BusModel(long commandOverheadNanos, double bytesPerSecond) {
    /**
     * ATA PIO mode 4: 16.7 MB/s (ATA/ATAPI-4: 120 ns cycle, 2 bytes a cycle), the rate an 8051-era
     * drive's vendor mode runs at; 100 µs a command is an inference (no source gives it).
     */
    public static final BusModel ATAPI_PIO4 = new BusModel(100_000, 2.0 / 120e-9);

    public long transferNanos(long bytes) {
        return Math.round(bytes / bytesPerSecond * 1e9);
    }

    public long commandNanos(long bytes) {
        return commandOverheadNanos + transferNanos(bytes);
    }
}
