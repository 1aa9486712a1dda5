package dev.odflash.emulator.gadget;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The two bulk endpoints of a USB mass-storage function as the device side sees them (FunctionFS: plain
 * files ep1 IN and ep2 OUT). A host-side reset in flight ends the I/O with an {@link IOException}
 * (ESHUTDOWN under FunctionFS): the command is dropped and the server waits for the next CBW.
 */
public interface BulkEndpoints {
    /** One read from bulk-OUT into {@code into} (one USB transfer at most); -1 when the function went away. */
    int readOut(ByteBuffer into) throws IOException;

    /** Writes all of {@code from} to bulk-IN (never zero bytes). */
    void writeIn(ByteBuffer from) throws IOException;

    /**
     * Halts bulk-IN: the host clears the halt and goes on to read the CSW. Used for a short data-in that is a
     * whole number of packets, which would otherwise need a zero-length packet to end it (USB Mass Storage
     * Class Bulk-Only Transport 1.0, §6.7.2).
     */
    void haltIn() throws IOException;

    /** The bulk endpoints' max packet size at the speed the host connected at (64 full speed, 512 high speed). */
    int maxPacket();
}
