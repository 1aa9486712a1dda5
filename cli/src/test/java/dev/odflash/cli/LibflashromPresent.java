package dev.odflash.cli;

import dev.odflash.nativeio.ExternalProgrammers;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Tests that drive libflashrom's dummy programmer need the library: with CI=true (scripts/deps.sh installs
 * libflashrom1 there) its absence fails them; elsewhere they skip, saying what to install.
 */
final class LibflashromPresent {
    private LibflashromPresent() {
    }

    static void require() {
        var problem = ExternalProgrammers.libraryProblem();
        if (problem.isEmpty()) {
            return;
        }
        String why = problem.get() + " (scripts/deps.sh installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + why);
        }
        Assumptions.abort("skipped: " + why);
    }
}
