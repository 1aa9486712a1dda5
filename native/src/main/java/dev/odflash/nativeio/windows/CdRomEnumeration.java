package dev.odflash.nativeio.windows;

import dev.odflash.nativeio.BusPath;
import dev.odflash.nativeio.DiscoveredDrive;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds \\.\CdRom0 ... \\.\CdRom31 by opening each with no access rights (enough for
 * IOCTL_STORAGE_QUERY_PROPERTY, no administrator needed) and reading the storage device descriptor
 * (vendor, product, revision, bus type: USB means a bridge). Untested on real Windows.
 */
public final class CdRomEnumeration {
    static final int MAX_DRIVES = 32;

    private CdRomEnumeration() {
    }

    public static List<DiscoveredDrive> scan() {
        return scan(Kernel32.get());
    }

    public static List<DiscoveredDrive> scan(WinIo io) {
        List<DiscoveredDrive> out = new ArrayList<>();
        for (int n = 0; n < MAX_DRIVES; n++) {
            String name = "\\\\.\\CdRom" + n;
            WinIo.Opened h = io.createFile(name, 0, WinIo.FILE_SHARE_READ | WinIo.FILE_SHARE_WRITE);
            if (h.failed()) {
                continue;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment q = arena.allocate(StorageDescriptors.QUERY);
                StorageDescriptors.fillQuery(q, StorageDescriptors.STORAGE_DEVICE_PROPERTY);
                MemorySegment d = arena.allocate(1024, 8);
                WinIo.Result r = io.deviceIoControl(h.handle(), StorageDescriptors.IOCTL_STORAGE_QUERY_PROPERTY, q, d);
                StorageDescriptors.DeviceInfo info = r.ok() ? StorageDescriptors.device(d)
                        : new StorageDescriptors.DeviceInfo("", "", "", 0);
                StorageDescriptors.Adapter adapter = SptiTransport.queryAdapter(name, io, h.handle());
                out.add(new DiscoveredDrive("CdRom" + n, Optional.empty(), Optional.of(name), info.vendor(),
                        info.product(), info.revision(), bus(info.busType()), adapter.maxTransferLength()));
            } finally {
                io.closeHandle(h.handle());
            }
        }
        return out;
    }

    static BusPath bus(int busType) {
        return switch (busType) {
            case StorageDescriptors.BUS_USB -> new BusPath("usb", "via USB bridge", Optional.empty(), Optional.empty());
            case StorageDescriptors.BUS_ATA, StorageDescriptors.BUS_ATAPI, StorageDescriptors.BUS_SATA ->
                    new BusPath("ata", "ATA/ATAPI (bus type " + busType + ")", Optional.empty(), Optional.empty());
            case StorageDescriptors.BUS_SCSI -> BusPath.scsi("(SCSI bus)");
            default -> BusPath.unknown("bus type " + busType);
        };
    }
}
