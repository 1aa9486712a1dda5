package dev.odflash.nativeio;

import java.util.Optional;

/**
 * An optical drive the OS shows, found without sending it any command (Linux: sysfs, where the kernel
 * keeps the INQUIRY strings it read at attach time; Windows: the storage device descriptor).
 *
 * @param id          the drive's address: SCSI H:C:T:L on Linux, "CdRomN" on Windows
 * @param genericNode /dev/sgN: takes every command (what odflash prefers)
 * @param blockNode   /dev/srN or \\.\CdRomN
 * @param bus         how the drive is attached
 * @param maxTransfer largest transfer the OS reports for it, or 0 when unknown
 */
public record DiscoveredDrive(String id, Optional<String> genericNode, Optional<String> blockNode, String vendor,
                              String product, String revision, BusPath bus, long maxTransfer) {
    /** The node odflash opens: the sg node when there is one (no medium needed, no block-layer filtering). */
    public String preferredNode() {
        return genericNode.or(() -> blockNode).orElse(id);
    }
}
