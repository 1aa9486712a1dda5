package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.ExternalProgrammer;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the chip channel needs from libflashrom: whole-image calls restricted to regions (the library has no
 * block-level calls). A seam, so that odflash's own fault decorator ({@link FaultyProgrammer}) can cut power
 * between two regions or inside one.
 */
interface ProgrammerSession extends ExternalProgrammer, AutoCloseable {
    /** The probed chip's size in bytes. */
    long size();

    /** Reads {@code length} bytes at {@code start} into {@code into} at the same offset. */
    void read(long start, int length, byte[] into) throws TransportException;

    /**
     * Writes the regions (start, length) of the full-size {@code target}, with {@code reference} the chip's
     * contents from a read in this run (libflashrom trusts it blindly to decide what to erase).
     */
    void write(List<long[]> regions, byte[] target, byte[] reference) throws TransportException;

    /** Sends every log line at {@code level} or more severe to {@code lines} (the erase counts, the run log). */
    void observe(int level, Consumer<String> lines);

    @Override
    void close();
}
