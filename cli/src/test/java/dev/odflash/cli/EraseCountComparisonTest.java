package dev.odflash.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 15 §5: on the same image pairs, odflash through libflashrom never causes more erases than the flashrom
 * CLI's own {@code -w}, both counted from libflashrom's debug log, and both leave the chip holding the target.
 * Deterministic: the pairs are fixed or seeded, and the dummy programmer has no timing.
 */
class EraseCountComparisonTest {
    @TempDir
    Path work;

    @Test
    void odflashNeverErasesMoreThanFlashromOnTheSamePair() throws Exception {
        LibflashromPresent.require();
        if (!FlashromComparison.flashromCliPresent()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and the flashrom CLI is missing (package flashrom, scripts/deps.sh installs it)");
            }
            Assumptions.abort("skipped: the flashrom CLI is not installed (package flashrom)");
        }
        for (FlashromComparison.Pair pair : FlashromComparison.pairs(4)) {
            FlashromComparison.Result r = FlashromComparison.run(work, pair);
            System.out.printf("%-22s odflash %3d erases (plan %3d), flashrom -w %3d%n", r.name(), r.odflashErases(),
                    r.planErases(), r.flashromErases());
            assertThat(r.odflashExact()).as(pair.name() + ": odflash left the target").isTrue();
            assertThat(r.flashromExact()).as(pair.name() + ": flashrom left the target").isTrue();
            assertThat(r.odflashErases()).as(pair.name()).isLessThanOrEqualTo(r.flashromErases());
            assertThat(r.reportedErases()).as(pair.name() + ": odflash reports the erases the library made")
                    .isEqualTo(r.odflashErases());
        }
    }
}
