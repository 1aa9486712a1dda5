package dev.odflash.nativeio.linux;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
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

    private static final VarHandle INTERFACE = field("interface_id");
    private static final VarHandle DIRECTION = field("dxfer_direction");
    private static final VarHandle CMD_LEN = field("cmd_len");
    private static final VarHandle MX_SB_LEN = field("mx_sb_len");
    private static final VarHandle DXFER_LEN = field("dxfer_len");
    private static final VarHandle DXFERP = field("dxferp");
    private static final VarHandle CMDP = field("cmdp");
    private static final VarHandle SBP = field("sbp");
    private static final VarHandle TIMEOUT = field("timeout");
    private static final VarHandle STATUS = field("status");
    private static final VarHandle SB_LEN_WR = field("sb_len_wr");
    private static final VarHandle HOST_STATUS = field("host_status");
    private static final VarHandle DRIVER_STATUS = field("driver_status");
    private static final VarHandle RESID = field("resid");
    private static final VarHandle DURATION = field("duration");
    private static final VarHandle INFO = field("info");

    private SgIoHdr() {
    }

    private static VarHandle field(String name) {
        return LAYOUT.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    public static long offsetOf(String name) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(name));
    }

    /** Fills a zeroed header for one command. */
    public static void fill(MemorySegment h, int direction, MemorySegment cdb, MemorySegment data,
                            MemorySegment sense, int timeoutMillis) {
        INTERFACE.set(h, 0L, INTERFACE_ID);
        DIRECTION.set(h, 0L, direction);
        CMD_LEN.set(h, 0L, (byte) cdb.byteSize());
        MX_SB_LEN.set(h, 0L, (byte) sense.byteSize());
        DXFER_LEN.set(h, 0L, (int) data.byteSize());
        DXFERP.set(h, 0L, data.byteSize() == 0 ? MemorySegment.NULL : data);
        CMDP.set(h, 0L, cdb);
        SBP.set(h, 0L, sense);
        TIMEOUT.set(h, 0L, timeoutMillis);
    }

    /** The fields the kernel writes back, read as unsigned values. */
    public record Reply(int status, int senseLength, int hostStatus, int driverStatus, int resid, int durationMillis,
                        int info) {
    }

    public static Reply reply(MemorySegment h) {
        return new Reply(Byte.toUnsignedInt((byte) STATUS.get(h, 0L)), Byte.toUnsignedInt((byte) SB_LEN_WR.get(h, 0L)),
                Short.toUnsignedInt((short) HOST_STATUS.get(h, 0L)), Short.toUnsignedInt((short) DRIVER_STATUS.get(h, 0L)),
                (int) RESID.get(h, 0L), (int) DURATION.get(h, 0L), (int) INFO.get(h, 0L));
    }

    /** For fakes and tests: writes the reply fields as the kernel would. */
    public static void writeReply(MemorySegment h, Reply r) {
        STATUS.set(h, 0L, (byte) r.status());
        SB_LEN_WR.set(h, 0L, (byte) r.senseLength());
        HOST_STATUS.set(h, 0L, (short) r.hostStatus());
        DRIVER_STATUS.set(h, 0L, (short) r.driverStatus());
        RESID.set(h, 0L, r.resid());
        DURATION.set(h, 0L, r.durationMillis());
        INFO.set(h, 0L, r.info());
    }

    /** Reads back what {@link #fill} wrote, for fakes that play the kernel. */
    public record Request(int direction, int cmdLen, int maxSense, int dxferLen, MemorySegment data, MemorySegment cdb,
                          MemorySegment sense, int timeoutMillis) {
    }

    public static Request request(MemorySegment h) {
        int cmdLen = Byte.toUnsignedInt((byte) CMD_LEN.get(h, 0L));
        int maxSense = Byte.toUnsignedInt((byte) MX_SB_LEN.get(h, 0L));
        int len = (int) DXFER_LEN.get(h, 0L);
        MemorySegment data = ((MemorySegment) DXFERP.get(h, 0L)).reinterpret(Integer.toUnsignedLong(len));
        return new Request((int) DIRECTION.get(h, 0L), cmdLen, maxSense, len, data,
                ((MemorySegment) CMDP.get(h, 0L)).reinterpret(cmdLen),
                ((MemorySegment) SBP.get(h, 0L)).reinterpret(maxSense), (int) TIMEOUT.get(h, 0L));
    }
}
