package dev.odflash.gui.model;

import dev.odflash.ops.flash.FlashResult;
import dev.odflash.ops.flash.WritePlan;
import dev.odflash.plan.FlashPlan;

import java.util.Locale;

/** The wizard's plan step in words: erases, bytes, the time against its lower bound, the backup that comes first. */
public final class PlanText {
    private PlanText() {
    }

    public static String of(FlashResult dryRun) {
        String versions = Texts.line(dryRun.fromVersion()) + " \u2192 " + Texts.line(dryRun.toVersion());
        return switch (dryRun.plan()) {
            case WritePlan.Chip c -> chip(c.plan(), versions);
            case WritePlan.Download d -> "Dry run of " + versions + ": the drive's own download of "
                    + Sizes.human(d.streamBytes()) + " (" + Texts.line(d.layout()) + ").\nNothing was written.";
        };
    }

    private static String chip(FlashPlan p, String versions) {
        if (p.noop()) {
            return "Dry run of " + versions + ": the drive already holds this image; there is nothing to write.";
        }
        return String.format(Locale.ROOT, "Dry run of %s, every gate passed. Nothing was written.%n"
                        + "Erase: %d blocks (%s). Program: %s in %d calls.%n"
                        + "Time: about %.2f s for erase and program (the chip's datasheet bound is %.2f s).%n"
                        + "First the whole flash is read twice into the library as the backup; every block is read back"
                        + " as it is written, then the whole chip is verified.",
                versions, p.eraseCount(), Sizes.human(p.eraseBytes()), Sizes.human(p.programBytes()), p.programCalls(),
                p.predictedNanos() / 1e9, p.lowerBoundNanos() / 1e9);
    }
}
