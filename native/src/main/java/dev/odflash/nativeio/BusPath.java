package dev.odflash.nativeio;

import java.util.Optional;

/**
 * How a drive is attached, as far as the OS tells: an ATA port (SATA/PATA through libata or the
 * Windows ATAPI/SATA port driver), a USB bridge with its VID:PID (bridges are where vendor commands
 * get dropped, docs/protocols.md §1.2), or another SCSI host.
 *
 * @param kind "ata", "usb", "scsi" or "unknown"
 */
public record BusPath(String kind, String description, Optional<String> usbVendorId, Optional<String> usbProductId) {
    public static BusPath ata(String port) {
        return new BusPath("ata", "ATA port " + port, Optional.empty(), Optional.empty());
    }

    public static BusPath usb(String vid, String pid, String name) {
        return new BusPath("usb", "via USB bridge " + vid + ":" + pid + (name.isBlank() ? "" : " (" + name + ")"),
                Optional.of(vid), Optional.of(pid));
    }

    public static BusPath scsi(String host) {
        return new BusPath("scsi", "SCSI host " + host, Optional.empty(), Optional.empty());
    }

    public static BusPath unknown(String what) {
        return new BusPath("unknown", what, Optional.empty(), Optional.empty());
    }

    public boolean viaUsb() {
        return kind.equals("usb");
    }
}
