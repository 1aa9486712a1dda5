package dev.odflash.nativeio.windows;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code SCSI_PASS_THROUGH_DIRECT} from the Windows SDK's {@code ntddscsi.h}, laid out by hand for
 * x64: 56 bytes, DataBuffer at 24, SenseInfoOffset at 32, Cdb at 36 (checked against mingw-w64's
 * headers, docs/build-notes.md §2), followed as usual by a ULONG filler and a 32-byte sense buffer (96 bytes in
 * all, "SCSI_PASS_THROUGH_DIRECT_WITH_BUFFER" in Microsoft's SPTI sample). A test checks every offset.
 */
public final class ScsiPassThroughDirect {
    /** IOCTL_SCSI_PASS_THROUGH_DIRECT = CTL_CODE(IOCTL_SCSI_BASE 4, 0x405, METHOD_BUFFERED, read|write). */
    public static final int IOCTL_SCSI_PASS_THROUGH_DIRECT = 0x4D014;
    /** DataIn values (ntddscsi.h). */
    public static final byte SCSI_IOCTL_DATA_OUT = 0;
    public static final byte SCSI_IOCTL_DATA_IN = 1;
    public static final byte SCSI_IOCTL_DATA_UNSPECIFIED = 2;
    public static final int SENSE_LENGTH = 32;

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("Length"),
            JAVA_BYTE.withName("ScsiStatus"),
            JAVA_BYTE.withName("PathId"),
            JAVA_BYTE.withName("TargetId"),
            JAVA_BYTE.withName("Lun"),
            JAVA_BYTE.withName("CdbLength"),
            JAVA_BYTE.withName("SenseInfoLength"),
            JAVA_BYTE.withName("DataIn"),
            MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("DataTransferLength"),
            JAVA_INT.withName("TimeOutValue"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("DataBuffer"),
            JAVA_INT.withName("SenseInfoOffset"),
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("Cdb"),
            MemoryLayout.paddingLayout(4));

    /** The SPTD, a ULONG filler, then the sense bytes; SenseInfoOffset points at "Sense". */
    public static final StructLayout WITH_BUFFER = MemoryLayout.structLayout(
            LAYOUT.withName("Sptd"),
            JAVA_INT.withName("Filler"),
            MemoryLayout.sequenceLayout(SENSE_LENGTH, JAVA_BYTE).withName("Sense"),
            MemoryLayout.paddingLayout(4));

    private static final VarHandle LENGTH = f("Length");
    private static final VarHandle STATUS = f("ScsiStatus");
    private static final VarHandle CDB_LENGTH = f("CdbLength");
    private static final VarHandle SENSE_INFO_LENGTH = f("SenseInfoLength");
    private static final VarHandle DATA_IN = f("DataIn");
    private static final VarHandle TRANSFER = f("DataTransferLength");
    private static final VarHandle TIMEOUT = f("TimeOutValue");
    private static final VarHandle BUFFER = f("DataBuffer");
    private static final VarHandle SENSE_OFFSET = f("SenseInfoOffset");

    private ScsiPassThroughDirect() {
    }

    private static VarHandle f(String name) {
        return LAYOUT.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    public static long offsetOf(String name) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(name));
    }

    public static long senseOffset() {
        return WITH_BUFFER.byteOffset(MemoryLayout.PathElement.groupElement("Sense"));
    }

    /** Fills a zeroed WITH_BUFFER segment. TimeOutValue is in seconds (ntddscsi.h). */
    public static void fill(MemorySegment s, byte[] cdb, byte dataIn, MemorySegment data, int timeoutSeconds) {
        LENGTH.set(s, 0L, (short) LAYOUT.byteSize());
        CDB_LENGTH.set(s, 0L, (byte) cdb.length);
        SENSE_INFO_LENGTH.set(s, 0L, (byte) SENSE_LENGTH);
        DATA_IN.set(s, 0L, dataIn);
        TRANSFER.set(s, 0L, (int) data.byteSize());
        TIMEOUT.set(s, 0L, timeoutSeconds);
        BUFFER.set(s, 0L, data.byteSize() == 0 ? MemorySegment.NULL : data);
        SENSE_OFFSET.set(s, 0L, (int) senseOffset());
        MemorySegment.copy(cdb, 0, s, JAVA_BYTE, offsetOf("Cdb"), cdb.length);
    }

    public static int status(MemorySegment s) {
        return Byte.toUnsignedInt((byte) STATUS.get(s, 0L));
    }

    public static int senseLength(MemorySegment s) {
        return Math.min(SENSE_LENGTH, Byte.toUnsignedInt((byte) SENSE_INFO_LENGTH.get(s, 0L)));
    }

    public static long transferred(MemorySegment s) {
        return Integer.toUnsignedLong((int) TRANSFER.get(s, 0L));
    }

    public static byte[] sense(MemorySegment s) {
        return s.asSlice(senseOffset(), senseLength(s)).toArray(ValueLayout.JAVA_BYTE);
    }

    /** For fakes: what the driver writes back. */
    public static void writeReply(MemorySegment s, int status, byte[] sense, long transferred) {
        STATUS.set(s, 0L, (byte) status);
        SENSE_INFO_LENGTH.set(s, 0L, (byte) sense.length);
        MemorySegment.copy(sense, 0, s, JAVA_BYTE, senseOffset(), sense.length);
        TRANSFER.set(s, 0L, (int) transferred);
    }

    public static MemorySegment dataBuffer(MemorySegment s) {
        return ((MemorySegment) BUFFER.get(s, 0L)).reinterpret(transferred(s));
    }

    public static byte dataIn(MemorySegment s) {
        return (byte) DATA_IN.get(s, 0L);
    }

    public static int timeoutSeconds(MemorySegment s) {
        return (int) TIMEOUT.get(s, 0L);
    }
}
