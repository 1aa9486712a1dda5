package dev.odflash.ops.flash;

/**
 * What the user is asked to confirm before anything is written: the drive, the versions and the plan.
 * A front end words it (the CLI's confirmation prompt, a GUI's dialog).
 */
public record FlashSummary(String vendor, String product, String device, String family, String fromVersion,
                           String toVersion, boolean resuming, WritePlan plan) {
}
