package dev.odflash.nativeio.windows;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Windows x64 structs, checked against mingw-w64's ntddscsi.h / winioctl.h (docs/build-notes.md §2); runs on any OS. */
class WindowsLayoutTest {
    private static int ctlCode(int deviceType, int function, int method, int access) {
        return deviceType << 16 | access << 14 | function << 2 | method; // CTL_CODE macro, devioctl.h
    }

    @Test
    void scsiPassThroughDirectIs56BytesWithEveryOffset() {
        assertThat(ScsiPassThroughDirect.LAYOUT.byteSize()).isEqualTo(56);
        Map.ofEntries(Map.entry("Length", 0L), Map.entry("ScsiStatus", 2L), Map.entry("PathId", 3L),
                Map.entry("TargetId", 4L), Map.entry("Lun", 5L), Map.entry("CdbLength", 6L),
                Map.entry("SenseInfoLength", 7L), Map.entry("DataIn", 8L), Map.entry("DataTransferLength", 12L),
                Map.entry("TimeOutValue", 16L), Map.entry("DataBuffer", 24L), Map.entry("SenseInfoOffset", 32L),
                Map.entry("Cdb", 36L)).forEach((name, offset) ->
                assertThat(ScsiPassThroughDirect.offsetOf(name)).as(name).isEqualTo(offset));
        assertThat(ScsiPassThroughDirect.WITH_BUFFER.byteSize()).isEqualTo(96);
        assertThat(ScsiPassThroughDirect.senseOffset()).isEqualTo(60);
    }

    @Test
    void ioctlCodes() {
        assertThat(ScsiPassThroughDirect.IOCTL_SCSI_PASS_THROUGH_DIRECT).isEqualTo(0x4D014)
                .isEqualTo(ctlCode(0x04, 0x405, 0, 3));
        assertThat(StorageDescriptors.IOCTL_STORAGE_QUERY_PROPERTY).isEqualTo(ctlCode(0x2D, 0x500, 0, 0));
    }

    @Test
    void storageStructs() {
        assertThat(StorageDescriptors.QUERY.byteSize()).isEqualTo(12);
        assertThat(StorageDescriptors.ADAPTER.byteSize()).isEqualTo(32);
        Map.of("MaximumTransferLength", 8L, "MaximumPhysicalPages", 12L, "AlignmentMask", 16L, "AdapterUsesPio", 20L,
                "BusType", 24L, "BusMajorVersion", 26L, "BusMinorVersion", 28L, "SrbType", 30L, "AddressType", 31L)
                .forEach((name, offset) -> assertThat(StorageDescriptors.offset(StorageDescriptors.ADAPTER, name))
                        .as(name).isEqualTo(offset));
        assertThat(StorageDescriptors.DEVICE.byteSize()).isEqualTo(40);
        Map.of("DeviceType", 8L, "RemovableMedia", 10L, "VendorIdOffset", 12L, "ProductIdOffset", 16L,
                "ProductRevisionOffset", 20L, "SerialNumberOffset", 24L, "BusType", 28L, "RawPropertiesLength", 32L,
                "RawDeviceProperties", 36L)
                .forEach((name, offset) -> assertThat(StorageDescriptors.offset(StorageDescriptors.DEVICE, name))
                        .as(name).isEqualTo(offset));
    }
}
