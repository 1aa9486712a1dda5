package dev.odflash.ops.flash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a download-style flash did (or would do, for --dry-run).
 *
 * @param verification how success was established: "read-back" (the flash read back and compared) or
 *                     "identity" (the drive restarted reporting the image's revision); "none" for dry runs
 */
public record DownloadResult(boolean dryRun, String family, String fromVersion, String toVersion, long streamedBytes,
                             int commands, boolean verified, String verification, boolean perUnitDataKept,
                             Optional<Path> backupFile, Duration deviceTime) {
}
