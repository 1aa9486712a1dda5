package dev.odflash.protocol;

import dev.odflash.drive.DriveFamily;

import java.util.Optional;

/**
 * The harmless vendor-specific read `doctor` sends to a drive of a known family to see whether vendor
 * commands reach it (docs/architecture.md Contracts: only documented reads, only known families).
 * Sense 5/20/00 or data means the CDB reached the drive; a host or driver error means something on
 * the way (a USB bridge, the driver) dropped it.
 *
 * @param cdb    the command, in its documented length (libata rejects a group-7 opcode in 6 bytes)
 * @param length bytes of data in
 * @param source where the command is documented
 */
public record VendorProbe(String name, byte[] cdb, int length, String source) {
    public static Optional<VendorProbe> forFamily(DriveFamily family) {
        return switch (family) {
            // MT1939 boot loader version query, 12 bytes, byte 11 = AA, 8 bytes in; the official updater
            // sends it before flashing (docs/protocols.md §2.1, coastermelt doc/bootloader.txt and USB capture)
            case TSST -> Optional.of(new VendorProbe("FF 00 FF version query",
                    new byte[]{(byte) 0xFF, 0, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xAA}, 8,
                    "docs/protocols.md §2.1 (coastermelt doc/bootloader.txt)"));
            // READ BUFFER mode 6, buffer 0, offset 0x3000, 0x20 bytes: the boot banner redumper reads first
            // (docs/protocols.md §2.2, redumper drive/flash_mt1959.ixx)
            case MT19XX -> Optional.of(new VendorProbe("READ BUFFER mode 6 boot banner",
                    new byte[]{0x3C, 0x06, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x20, 0x00}, 0x20,
                    "docs/protocols.md §2.2 (redumper drive/flash_mt1959.ixx)"));
            case MTK8051, BTC, EXTERNAL -> Optional.empty();
        };
    }

    /** Why a family has no probe, for the doctor's line. */
    public static String noneReason(DriveFamily family) {
        return switch (family) {
            case MTK8051 -> "no documented harmless vendor command: the 8051-era vendor mode's wire bytes are not"
                    + " public (docs/protocols.md §7.1)";
            case BTC -> "no documented harmless vendor read: btcflash sends only INQUIRY, WRITE BUFFER and TEST UNIT"
                    + " READY (docs/protocols.md §2.3)";
            case EXTERNAL -> "not a drive: an external programmer";
            default -> "";
        };
    }
}
