package dev.odflash.transport;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A SCSI/ATAPI pass-through to one drive: Linux SG_IO, Windows SPTI, the emulator or a trace replay.
 * Implementations enforce the path's limits the way the OS would (alignment, largest transfer).
 */
public interface ScsiTransport extends AutoCloseable {
    ScsiResult execute(ScsiRequest request) throws TransportException;

    /** Largest single transfer this path accepts, in bytes. */
    long maxTransferLength();

    /** Buffer alignment mask the adapter needs (0 = byte aligned); Windows calls it AlignmentMask. */
    int alignmentMask();

    DeviceClock clock();

    /** A zeroed buffer satisfying {@link #alignmentMask()} (at least page aligned, as SG_IO prefers). */
    default MemorySegment allocate(Arena arena, long size) {
        long alignment = Math.max(4096, Integer.highestOneBit(alignmentMask()) * 2L);
        return arena.allocate(Math.max(size, 1), alignment).asSlice(0, size);
    }

    @Override
    void close();
}
