package dev.odflash.protocol;

/**
 * The harmless vendor-specific read `doctor` sends (each family names its own, {@code Family.doctorProbe}) to a drive of a known family to see whether vendor
 * commands reach it (docs/architecture.md Contracts: only documented reads, only known families).
 * Sense 5/20/00 or data means the CDB reached the drive; a host or driver error means something on
 * the way (a USB bridge, the driver) dropped it.
 *
 * @param cdb    the command, in its documented length (libata rejects a group-7 opcode in 6 bytes)
 * @param length bytes of data in
 * @param source where the command is documented
 */
public record VendorProbe(String name, byte[] cdb, int length, String source) {
}
