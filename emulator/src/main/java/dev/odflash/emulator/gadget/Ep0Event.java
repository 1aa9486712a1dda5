package dev.odflash.emulator.gadget;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * One 12-byte event read from a FunctionFS ep0 (struct usb_functionfs_event, Linux
 * include/uapi/linux/usb/functionfs.h): the 8-byte control request of a SETUP (bmRequestType, bRequest,
 * wValue, wIndex, wLength, little-endian; USB 2.0 §9.3), then the type byte at offset 8. And what the
 * mass-storage function does with it (USB Mass Storage Class Bulk-Only Transport 1.0, §3.1 and §3.2).
 */
public record Ep0Event(Type type, int requestType, int request, int value, int index, int length) {
    public static final int LENGTH = 12;

    /** The event types in the order the kernel numbers them. */
    public enum Type { BIND, UNBIND, ENABLE, DISABLE, SETUP, SUSPEND, RESUME }

    /** What answers a SETUP. */
    public enum Answer {
        /** Class request 0xFE Get Max LUN (0xA1): one data byte, 0 (one logical unit). */
        MAX_LUN_ZERO,
        /** Class request 0xFF Bulk-Only Mass Storage Reset (0x21): acknowledged, no data; the next CBW starts afresh. */
        RESET,
        /** Anything else: stalled (FunctionFS stalls ep0 on an I/O in the direction the request does not have). */
        STALL
    }

    /** The event {@code bytes} hold; empty for a type number this code does not know. */
    public static Optional<Ep0Event> parse(byte[] bytes) {
        if (bytes.length < LENGTH) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        int type = bytes[8] & 0xFF;
        if (type >= Type.values().length) {
            return Optional.empty();
        }
        return Optional.of(new Ep0Event(Type.values()[type], bytes[0] & 0xFF, bytes[1] & 0xFF,
                Short.toUnsignedInt(b.getShort(2)), Short.toUnsignedInt(b.getShort(4)), Short.toUnsignedInt(b.getShort(6))));
    }

    /** How the function answers this SETUP (only meaningful for {@link Type#SETUP}). */
    public Answer answer() {
        if (requestType == 0xA1 && request == 0xFE) {
            return Answer.MAX_LUN_ZERO;
        }
        if (requestType == 0x21 && request == 0xFF) {
            return Answer.RESET;
        }
        return Answer.STALL;
    }
}
