package dev.odflash.nativeio.windows;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * IOCTL_STORAGE_QUERY_PROPERTY and its structures from the Windows SDK's {@code winioctl.h}:
 * STORAGE_PROPERTY_QUERY (12 bytes), STORAGE_ADAPTER_DESCRIPTOR (32 bytes; AlignmentMask at 16, the
 * value buffers must honour, else DeviceIoControl fails with "incorrect user buffer") and
 * STORAGE_DEVICE_DESCRIPTOR (40 bytes; string offsets into the returned buffer, BusType at 28).
 */
public final class StorageDescriptors {
    /** CTL_CODE(IOCTL_STORAGE_BASE 0x2D, 0x500, METHOD_BUFFERED, FILE_ANY_ACCESS). */
    public static final int IOCTL_STORAGE_QUERY_PROPERTY = 0x2D1400;
    /** STORAGE_PROPERTY_ID values. */
    public static final int STORAGE_DEVICE_PROPERTY = 0;
    public static final int STORAGE_ADAPTER_PROPERTY = 1;
    /** STORAGE_QUERY_TYPE PropertyStandardQuery. */
    public static final int PROPERTY_STANDARD_QUERY = 0;
    /** STORAGE_BUS_TYPE values that matter here. */
    public static final int BUS_SCSI = 1;
    public static final int BUS_ATAPI = 2;
    public static final int BUS_ATA = 3;
    public static final int BUS_USB = 7;
    public static final int BUS_SATA = 0x0B;

    public static final StructLayout QUERY = MemoryLayout.structLayout(
            JAVA_INT.withName("PropertyId"),
            JAVA_INT.withName("QueryType"),
            MemoryLayout.sequenceLayout(1, JAVA_BYTE).withName("AdditionalParameters"),
            MemoryLayout.paddingLayout(3));

    public static final StructLayout ADAPTER = MemoryLayout.structLayout(
            JAVA_INT.withName("Version"),
            JAVA_INT.withName("Size"),
            JAVA_INT.withName("MaximumTransferLength"),
            JAVA_INT.withName("MaximumPhysicalPages"),
            JAVA_INT.withName("AlignmentMask"),
            JAVA_BYTE.withName("AdapterUsesPio"),
            JAVA_BYTE.withName("AdapterScansDown"),
            JAVA_BYTE.withName("CommandQueueing"),
            JAVA_BYTE.withName("AcceleratedTransfer"),
            JAVA_BYTE.withName("BusType"),
            MemoryLayout.paddingLayout(1),
            JAVA_SHORT.withName("BusMajorVersion"),
            JAVA_SHORT.withName("BusMinorVersion"),
            JAVA_BYTE.withName("SrbType"),
            JAVA_BYTE.withName("AddressType"));

    public static final StructLayout DEVICE = MemoryLayout.structLayout(
            JAVA_INT.withName("Version"),
            JAVA_INT.withName("Size"),
            JAVA_BYTE.withName("DeviceType"),
            JAVA_BYTE.withName("DeviceTypeModifier"),
            JAVA_BYTE.withName("RemovableMedia"),
            JAVA_BYTE.withName("CommandQueueing"),
            JAVA_INT.withName("VendorIdOffset"),
            JAVA_INT.withName("ProductIdOffset"),
            JAVA_INT.withName("ProductRevisionOffset"),
            JAVA_INT.withName("SerialNumberOffset"),
            JAVA_INT.withName("BusType"),
            JAVA_INT.withName("RawPropertiesLength"),
            MemoryLayout.sequenceLayout(1, JAVA_BYTE).withName("RawDeviceProperties"),
            MemoryLayout.paddingLayout(3));

    private StorageDescriptors() {
    }

    public static long offset(StructLayout layout, String name) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(name));
    }

    public static void fillQuery(MemorySegment q, int propertyId) {
        q.set(JAVA_INT, offset(QUERY, "PropertyId"), propertyId);
        q.set(JAVA_INT, offset(QUERY, "QueryType"), PROPERTY_STANDARD_QUERY);
    }

    /** What the adapter descriptor says about buffers. */
    public record Adapter(long maxTransferLength, int alignmentMask, int busType) {
    }

    public static Adapter adapter(MemorySegment a) {
        return new Adapter(Integer.toUnsignedLong(a.get(JAVA_INT, offset(ADAPTER, "MaximumTransferLength"))),
                a.get(JAVA_INT, offset(ADAPTER, "AlignmentMask")), Byte.toUnsignedInt(a.get(JAVA_BYTE, offset(ADAPTER, "BusType"))));
    }

    /** Vendor, product, revision and bus type from a STORAGE_DEVICE_DESCRIPTOR and the strings after it. */
    public record DeviceInfo(String vendor, String product, String revision, int busType) {
    }

    public static DeviceInfo device(MemorySegment d) {
        return new DeviceInfo(string(d, "VendorIdOffset"), string(d, "ProductIdOffset"),
                string(d, "ProductRevisionOffset"), d.get(JAVA_INT, offset(DEVICE, "BusType")));
    }

    private static String string(MemorySegment d, String field) {
        int at = d.get(JAVA_INT, offset(DEVICE, field));
        if (at <= 0 || at >= d.byteSize()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (long i = at; i < d.byteSize() && d.get(ValueLayout.JAVA_BYTE, i) != 0; i++) {
            sb.append((char) (d.get(ValueLayout.JAVA_BYTE, i) & 0xFF));
        }
        return sb.toString().strip();
    }
}
