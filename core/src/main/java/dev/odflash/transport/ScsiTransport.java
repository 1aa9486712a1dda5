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

    /**
     * A path on which no command gets an answer ({@code why} says why): a drive that no longer answers ATAPI (the
     * emulator's atapi=dead) and a port session's channel taken from the kernel (native port/PortDevice). Every
     * command fails with {@link TransportException.Kind#NO_ANSWER}; nothing is sent anywhere.
     */
    static ScsiTransport unanswered(String why, DeviceClock clock) {
        return new ScsiTransport() {
            @Override
            public ScsiResult execute(ScsiRequest request) throws TransportException {
                throw new TransportException(TransportException.Kind.NO_ANSWER, why);
            }

            @Override
            public long maxTransferLength() {
                return 65536;
            }

            @Override
            public int alignmentMask() {
                return 0;
            }

            @Override
            public DeviceClock clock() {
                return clock;
            }

            @Override
            public void close() {
            }
        };
    }
}
