package dev.odflash.ops.flash;

import dev.odflash.plan.FlashPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a flash did (or, for --dry-run, would do).
 *
 * @param erasedBlocks    erase commands executed, over every round
 * @param programmedBytes bytes burnt, over every round
 * @param rounds          1 normally; more when a read-back showed a step did not take and it was re-planned
 * @param resumed         the run finished (or restored) a write an earlier run left in its journal
 */
public record FlashResult(boolean dryRun, FlashPlan plan, String fromVersion, String toVersion, int erasedBlocks,
                          long eraseBytes, long programmedBytes, boolean verified, int rounds, boolean resumed,
                          Optional<Path> backupFile, String backupSha256, Duration deviceTime) {
}
