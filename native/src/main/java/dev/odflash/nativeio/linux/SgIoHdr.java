package dev.odflash.nativeio.linux;

import java.lang.foreign.MemoryLayout;
import java.nio.ByteOrder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.ADDRESS_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct sg_io_hdr} from Linux {@code <scsi/sg.h>} (sg driver version 3 interface), laid out
 * by hand for 64-bit Linux: 88 bytes. The padding after {@code pack_id} (52..56, so {@code usr_ptr}
 * is 8-aligned) and at the end (84..88) is explicit: without the first the layout is rejected, without
 * the second it silently has 84 bytes while the kernel copies 88 (docs/build-notes.md §2). A test checks the size
 * and every offset against gcc's {@code offsetof}.
 */
public final class SgIoHdr {
    /** {@code SG_IO} ioctl request number (sg.h: 0x2285). */
    public static final long SG_IO = 0x2285;
    /** {@code interface_id} must be 'S' (sg.h). */
    public static final int INTERFACE_ID = 'S';
    /** {@code dxfer_direction} values (sg.h). */
    public static final int SG_DXFER_NONE = -1;
    public static final int SG_DXFER_TO_DEV = -2;
    public static final int SG_DXFER_FROM_DEV = -3;
    /** {@code info} bit: status, host or driver status is not zero (sg.h SG_INFO_CHECK). */
    public static final int SG_INFO_CHECK = 0x1;

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("interface_id"),
            JAVA_INT.withName("dxfer_direction"),
            JAVA_BYTE.withName("cmd_len"),
            JAVA_BYTE.withName("mx_sb_len"),
            JAVA_SHORT.withName("iovec_count"),
            JAVA_INT.withName("dxfer_len"),
            ADDRESS.withName("dxferp"),
            ADDRESS.withName("cmdp"),
            ADDRESS.withName("sbp"),
            JAVA_INT.withName("timeout"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("pack_id"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("usr_ptr"),
            JAVA_BYTE.withName("status"),
            JAVA_BYTE.withName("masked_status"),
            JAVA_BYTE.withName("msg_status"),
            JAVA_BYTE.withName("sb_len_wr"),
            JAVA_SHORT.withName("host_status"),
            JAVA_SHORT.withName("driver_status"),
            JAVA_INT.withName("resid"),
            JAVA_INT.withName("duration"),
            JAVA_INT.withName("info"),
            MemoryLayout.paddingLayout(4));

    // Byte offsets taken from LAYOUT once (SgIoHdrLayoutTest checks them against sg.h). Plain
    // MemorySegment.get/set at a constant offset is what the JIT turns into one load or store; the
    // layout-path VarHandles it replaces cost several method-handle frames a field until C2 has
    // compiled the caller, which under a slow CPU (the kernel test's TCG guest) is most of a run.
    private static final long INTERFACE = offsetOf("interface_id");
    private static final long DIRECTION = offsetOf("dxfer_direction");
    private static final long CMD_LEN = offsetOf("cmd_len");
    private static final long MX_SB_LEN = offsetOf("mx_sb_len");
    private static final long DXFER_LEN = offsetOf("dxfer_len");
    private static final long DXFERP = offsetOf("dxferp");
    private static final long CMDP = offsetOf("cmdp");
    private static final long SBP = offsetOf("sbp");
    private static final long TIMEOUT = offsetOf("timeout");
    private static final long STATUS = offsetOf("status");
    private static final long SB_LEN_WR = offsetOf("sb_len_wr");
    private static final long HOST_STATUS = offsetOf("host_status");
    private static final long DRIVER_STATUS = offsetOf("driver_status");
    private static final long RESID = offsetOf("resid");
    private static final long DURATION = offsetOf("duration");
    private static final long INFO = offsetOf("info");
    private static final ValueLayout.OfInt INT = JAVA_INT.withByteAlignment(1);
    private static final ValueLayout.OfShort SHORT = JAVA_SHORT.withByteAlignment(1);

    private SgIoHdr() {
    }

    public static long offsetOf(String name) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(name));
    }

    /**
     * Fills a header for one command. Every field is written (the ones odflash does not use as zero),
     * so a header segment can be reused from one command to the next without clearing it first.
     */
    public static void fill(MemorySegment h, int direction, MemorySegment cdb, MemorySegment data,
                            MemorySegment sense, int timeoutMillis) {
        h.fill((byte) 0);
        h.set(INT, INTERFACE, INTERFACE_ID);
        h.set(INT, DIRECTION, direction);
        h.set(JAVA_BYTE, CMD_LEN, (byte) cdb.byteSize());
        h.set(JAVA_BYTE, MX_SB_LEN, (byte) sense.byteSize());
        h.set(INT, DXFER_LEN, (int) data.byteSize());
        h.set(ADDRESS_UNALIGNED, DXFERP, data.byteSize() == 0 ? MemorySegment.NULL : data);
        h.set(ADDRESS_UNALIGNED, CMDP, cdb);
        h.set(ADDRESS_UNALIGNED, SBP, sense);
        h.set(INT, TIMEOUT, timeoutMillis);
    }

    /** Bytes in the header: what the kernel copies in and out (sizeof(struct sg_io_hdr) on 64-bit Linux). */
    public static final long SIZE = LAYOUT.byteSize();
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /**
     * Sets the fields that vary from one command to the next in a header {@link #fill} wrote before (the
     * CDB and sense pointers and every other field stay as fill left them): for a template that is copied
     * into the header the kernel sees, patched only when a command's shape differs from the last one's.
     */
    public static void reshape(MemorySegment h, int direction, int cmdLen, MemorySegment data, int timeoutMillis) {
        h.set(INT, DIRECTION, direction);
        h.set(JAVA_BYTE, CMD_LEN, (byte) cmdLen);
        h.set(INT, DXFER_LEN, (int) data.byteSize());
        h.set(ADDRESS_UNALIGNED, DXFERP, data.byteSize() == 0 ? MemorySegment.NULL : data);
        h.set(INT, TIMEOUT, timeoutMillis);
    }

    /**
     * The reply's status bytes in one read: status, masked_status, msg_status and sb_len_wr, host_status and
     * driver_status are the 8 bytes at offset 64 (sg.h), so one load replaces four field reads; decode it
     * with {@link #status}, {@link #senseLength}, {@link #hostStatus} and {@link #driverStatus}. Under C1
     * (the launcher's JIT) and the interpreter every segment access is several calls, and the kernel
     * test's emulated CPU makes each call dear.
     */
    public static long statusWord(MemorySegment h) {
        return h.get(JAVA_LONG_UNALIGNED, STATUS);
    }

    public static int status(long word) {
        return (int) (LITTLE ? word : word >>> 56) & 0xFF;
    }

    public static int senseLength(long word) {
        return (int) (LITTLE ? word >>> 24 : word >>> 32) & 0xFF;
    }

    public static int hostStatus(long word) {
        return (int) (LITTLE ? word >>> 32 : word >>> 16) & 0xFFFF;
    }

    public static int driverStatus(long word) {
        return (int) (LITTLE ? word >>> 48 : word) & 0xFFFF;
    }

    /** resid: the bytes of the transfer the device did not move (signed, as the kernel writes it). */
    public static int resid(MemorySegment h) {
        return h.get(INT, RESID);
    }

    /** The fields the kernel writes back, read as unsigned values. */
    public record Reply(int status, int senseLength, int hostStatus, int driverStatus, int resid, int durationMillis,
                        int info) {
    }

    public static Reply reply(MemorySegment h) {
        return new Reply(Byte.toUnsignedInt(h.get(JAVA_BYTE, STATUS)), Byte.toUnsignedInt(h.get(JAVA_BYTE, SB_LEN_WR)),
                Short.toUnsignedInt(h.get(SHORT, HOST_STATUS)), Short.toUnsignedInt(h.get(SHORT, DRIVER_STATUS)),
                h.get(INT, RESID), h.get(INT, DURATION), h.get(INT, INFO));
    }

    /** For fakes and tests: writes the reply fields as the kernel would. */
    public static void writeReply(MemorySegment h, Reply r) {
        h.set(JAVA_BYTE, STATUS, (byte) r.status());
        h.set(JAVA_BYTE, SB_LEN_WR, (byte) r.senseLength());
        h.set(SHORT, HOST_STATUS, (short) r.hostStatus());
        h.set(SHORT, DRIVER_STATUS, (short) r.driverStatus());
        h.set(INT, RESID, r.resid());
        h.set(INT, DURATION, r.durationMillis());
        h.set(INT, INFO, r.info());
    }

    /** Reads back what {@link #fill} wrote, for fakes that play the kernel. */
    public record Request(int direction, int cmdLen, int maxSense, int dxferLen, MemorySegment data, MemorySegment cdb,
                          MemorySegment sense, int timeoutMillis) {
    }

    public static Request request(MemorySegment h) {
        int cmdLen = Byte.toUnsignedInt(h.get(JAVA_BYTE, CMD_LEN));
        int maxSense = Byte.toUnsignedInt(h.get(JAVA_BYTE, MX_SB_LEN));
        int len = h.get(INT, DXFER_LEN);
        MemorySegment data = h.get(ADDRESS_UNALIGNED, DXFERP).reinterpret(Integer.toUnsignedLong(len));
        return new Request(h.get(INT, DIRECTION), cmdLen, maxSense, len, data,
                h.get(ADDRESS_UNALIGNED, CMDP).reinterpret(cmdLen),
                h.get(ADDRESS_UNALIGNED, SBP).reinterpret(maxSense), h.get(INT, TIMEOUT));
    }
}
