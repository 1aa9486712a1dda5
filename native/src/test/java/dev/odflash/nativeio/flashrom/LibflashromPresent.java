package dev.odflash.nativeio.flashrom;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The tests that drive libflashrom's dummy programmer need the library: in CI (CI=true, where scripts/deps.sh
 * installs libflashrom1) its absence fails them; on a developer's machine they skip and say what to install.
 */
final class LibflashromPresent {
    private LibflashromPresent() {
    }

    static void require() {
        if (FlashromLibrary.get().isPresent()) {
            return;
        }
        String why = FlashromLibrary.unavailableReason() + " (scripts/deps.sh installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + why);
        }
        Assumptions.abort("skipped: " + why);
    }
}
