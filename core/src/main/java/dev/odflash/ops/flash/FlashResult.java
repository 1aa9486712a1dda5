package dev.odflash.ops.flash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a flash did (or, for a dry run, would do), for every family.
 *
 * @param plan            the chip plan or the download planned
 * @param written         what the write did ({@link Written#NOTHING} for a dry run)
 * @param perUnitDataKept the drive's own per-unit data replaced the file's (MT19xx config and calibration)
 * @param resumed         the run finished (or restored) a write an earlier run left in its journal
 * @param historyNotRecorded why the verified flash is missing from the flash history (empty: recorded, or a dry run)
 */
public record FlashResult(boolean dryRun, String family, String fromVersion, String toVersion, WritePlan plan,
                          Written written, boolean perUnitDataKept, boolean resumed, Optional<Path> backupFile,
                          String backupSha256, Duration deviceTime, Optional<String> historyNotRecorded) {
    public boolean verified() {
        return written.verification() != Verification.NONE;
    }
}
