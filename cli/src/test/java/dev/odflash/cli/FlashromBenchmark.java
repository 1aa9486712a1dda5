package dev.odflash.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Issue 15 §5's benchmark (scripts/bench-flashrom.sh): per image pair, the wall time of odflash's flash through
 * libflashrom (its pipeline from the first gate to the verify, as its JSON reports it; JVM start excluded) beside
 * the flashrom CLI's {@code -w} (whole process, with flashrom's own verify), the erases of each, and the plan's
 * predicted time and lower bound on a real SST25VF040 (datasheet timings, chip table). The dummy programmer has
 * no timing of its own, so the wall times measure software overhead only. Prints figures; asserts nothing.
 */
public final class FlashromBenchmark {
    private FlashromBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int random = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path work = Files.createTempDirectory("odflash-bench-flashrom");
        System.out.printf(Locale.ROOT, "%-22s %8s %8s %8s %10s %10s %10s %10s%n", "pair", "od erase", "fr erase",
                "plan er", "odflash s", "flashrom s", "plan s", "bound s");
        for (FlashromComparison.Pair pair : FlashromComparison.pairs(random)) {
            FlashromComparison.Result r = FlashromComparison.run(work, pair);
            System.out.printf(Locale.ROOT, "%-22s %8d %8d %8d %10.3f %10.3f %10.3f %10.3f%s%n", r.name(), r.odflashErases(),
                    r.flashromErases(), r.planErases(), r.odflashSeconds(), r.flashromSeconds(), r.predictedSeconds(),
                    r.lowerBoundSeconds(), r.odflashExact() && r.flashromExact() ? "" : "  MISMATCH");
        }
        System.out.println("odflash s: its flash pipeline (probe excluded) incl. two backup reads, a fresh reference read"
                + " per region and its own whole-chip verify; flashrom s: the whole `flashrom -w` process incl. its verify;"
                + " plan/bound s: the plan's predicted time and the lower bound for a real SST25VF040 (datasheet timings)");
        System.out.println("work files: " + work);
    }
}
