package dev.odflash.emulator.gadget;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * A Command Block Wrapper as it arrives on bulk-OUT, decoded from its 31 wire bytes (USB Mass Storage Class
 * Bulk-Only Transport 1.0, §5.1): dCBWSignature 0x43425355 ("USBC", little-endian), dCBWTag, the host's
 * dCBWDataTransferLength, bmCBWFlags bit 7 (1 = data-in), bCBWLUN, bCBWCBLength (1-16) and the CDB.
 */
record CommandBlockWrapper(int tag, long dataLength, boolean dataIn, int lun, byte[] cdb) {
    static final int LENGTH = 31;
    static final int SIGNATURE = 0x43425355;

    /** The CBW {@code bytes} hold, or empty when they are not a valid, meaningful CBW (§6.2.1, §6.2.2). */
    static Optional<CommandBlockWrapper> parse(byte[] bytes, int length) {
        if (length != LENGTH) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != SIGNATURE) {
            return Optional.empty();
        }
        int tag = b.getInt(4);
        long dataLength = Integer.toUnsignedLong(b.getInt(8));
        int flags = bytes[12] & 0xFF;
        int lun = bytes[13] & 0x0F;
        int cbLength = bytes[14] & 0x1F;
        if (cbLength < 1 || cbLength > 16 || (bytes[13] & 0xF0) != 0 || (bytes[14] & 0xE0) != 0) {
            return Optional.empty();
        }
        return Optional.of(new CommandBlockWrapper(tag, dataLength, (flags & 0x80) != 0, lun,
                Arrays.copyOfRange(bytes, 15, 15 + cbLength)));
    }
}
