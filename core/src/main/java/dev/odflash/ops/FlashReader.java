package dev.odflash.ops;

import dev.odflash.protocol.Progress;

import java.util.Optional;

/**
 * A family's read path: the whole flash read until two passes agree (safety rule 2, "two reads that
 * agree"; docs/architecture.md). Failures are typed (a device failure; nothing is ever written).
 */
@FunctionalInterface
public interface FlashReader {
    VerifiedRead read(Progress progress) throws OdflashException;

    /**
     * The family's regions-only read, for a drive that refuses a whole-flash read ({@link Choice#REGIONS_ONLY}):
     * empty for a family that has none.
     */
    default Optional<RegionsReader> regionsOnly() {
        return Optional.empty();
    }

    /** Reads a fixed list of regions, each until two reads agree. */
    @FunctionalInterface
    interface RegionsReader {
        RegionsRead read(Progress progress) throws OdflashException;
    }

    /** Whether {@code e} is a drive refusing a whole-flash read that a regions-only read may stand in for. */
    static boolean wholeReadRefused(OdflashException e) {
        return e.failure() instanceof Failure.Refusal r && r.override().filter(c -> c == Choice.REGIONS_ONLY).isPresent();
    }
}
