package dev.odflash.ops;

import dev.odflash.protocol.Progress;

/**
 * A family's read path: the whole flash read until two passes agree (safety rule 2, "two reads that
 * agree"; docs/architecture.md). Failures are typed (a device failure; nothing is ever written).
 */
@FunctionalInterface
public interface FlashReader {
    VerifiedRead read(Progress progress) throws OdflashException;
}
