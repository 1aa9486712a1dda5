package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import dev.odflash.ops.flash.FlashSummary;
import dev.odflash.ops.flash.WritePlan;

/** The words of the flash confirmation prompt: the drive, the versions and what will be written. */
final class FlashSummaryText {
    private FlashSummaryText() {
    }

    static String of(FlashSummary s) {
        String drive = String.format("%s %s %s: %s -> %s", visible(s.vendor()), visible(s.product()), visible(s.device()),
                visible(s.fromVersion()), visible(s.toVersion()));
        return switch (s.plan()) {
            case WritePlan.Chip c -> String.format("%s%s%n  plan: %d erases (%s), %s to program, predicted %.2f s"
                            + " (lower bound %.2f s)", drive, s.resuming() ? " (resuming an interrupted flash)" : "",
                    c.plan().eraseCount(), Sizes.human(c.plan().eraseBytes()), Sizes.human(c.plan().programBytes()),
                    c.plan().predictedNanos() / 1e9,
                    c.plan().lowerBoundNanos() / 1e9);
            case WritePlan.Download d -> String.format("%s by %s download (%s)", drive, s.family(),
                    Sizes.human(d.streamBytes()));
        };
    }
}
