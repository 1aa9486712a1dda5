package dev.odflash.emulator.download;

import java.util.Optional;

/**
 * What the running firmware reports, read by the drive's own code from the image in its flash:
 * INQUIRY vendor(8), product(16), revision(4), and the firmware date where the image carries one
 * (the INQUIRY template's 16-byte date field, docs/protocols.md §4.1 OP).
 */
record Identity(String vendor, String product, String revision, Optional<String> date) {
}
