package dev.odflash.emulator.gadget;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The two blobs a FunctionFS function writes to its ep0 before its endpoints appear (Linux
 * include/uapi/linux/usb/functionfs.h): the descriptors, v2 header (magic 3, length, flags HAS_FS_DESC |
 * HAS_HS_DESC, then a count per speed) with one mass-storage interface (class 8, subclass 6 SCSI transparent,
 * protocol 0x50 Bulk-Only: USB Mass Storage Class Overview 1.4) and its bulk IN 0x81 and OUT 0x02 endpoints at
 * 64 bytes full speed and 512 high speed (USB 2.0 §9.6.5, §9.6.6); and the strings (magic 2, one string in
 * language 0x0409). All little-endian, as the kernel reads them.
 */
public final class FunctionFsDescriptors {
    static final int DESCRIPTORS_MAGIC_V2 = 3;
    static final int STRINGS_MAGIC = 2;
    static final int HAS_FS_DESC = 1;
    static final int HAS_HS_DESC = 2;
    static final int ENDPOINT_IN = 0x81;
    static final int ENDPOINT_OUT = 0x02;
    static final int FULL_SPEED_PACKET = 64;
    public static final int HIGH_SPEED_PACKET = 512;
    private static final int INTERFACE_LENGTH = 9;
    private static final int ENDPOINT_LENGTH = 7;
    private static final int PER_SPEED = INTERFACE_LENGTH + 2 * ENDPOINT_LENGTH;

    private FunctionFsDescriptors() {
    }

    /** The descriptors blob: one interface and two bulk endpoints at full and at high speed. */
    public static byte[] descriptors() {
        int length = 5 * 4 + 2 * PER_SPEED;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(DESCRIPTORS_MAGIC_V2).putInt(length).putInt(HAS_FS_DESC | HAS_HS_DESC);
        b.putInt(3).putInt(3); // descriptors per speed: the interface and its two endpoints
        speed(b, FULL_SPEED_PACKET);
        speed(b, HIGH_SPEED_PACKET);
        return b.array();
    }

    private static void speed(ByteBuffer b, int packet) {
        // interface: bLength, bDescriptorType 4, number 0, alternate 0, 2 endpoints, class/subclass/protocol, iInterface 1
        b.put((byte) INTERFACE_LENGTH).put((byte) 4).put((byte) 0).put((byte) 0).put((byte) 2)
                .put((byte) 0x08).put((byte) 0x06).put((byte) 0x50).put((byte) 1);
        endpoint(b, ENDPOINT_IN, packet);
        endpoint(b, ENDPOINT_OUT, packet);
    }

    private static void endpoint(ByteBuffer b, int address, int packet) {
        // endpoint: bLength, bDescriptorType 5, address, bmAttributes 2 (bulk), wMaxPacketSize, bInterval 0
        b.put((byte) ENDPOINT_LENGTH).put((byte) 5).put((byte) address).put((byte) 2).putShort((short) packet).put((byte) 0);
    }

    /** The strings blob: the interface's name in US English. */
    public static byte[] strings(String interfaceName) {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        int length = 4 * 4 + 2 + name.length + 1;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(STRINGS_MAGIC).putInt(length).putInt(1).putInt(1); // one string, one language
        b.putShort((short) 0x0409).put(name).put((byte) 0);
        return b.array();
    }
}
