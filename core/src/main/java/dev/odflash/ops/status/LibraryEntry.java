package dev.odflash.ops.status;

import java.nio.file.Path;

/** A backup in the library: an image with its sidecar, re-hashed and found to match it. */
public record LibraryEntry(Path file, String sha256, String revision, dev.odflash.ops.BackupState state, String createdAt) {
}
