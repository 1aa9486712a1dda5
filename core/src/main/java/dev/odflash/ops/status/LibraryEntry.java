package dev.odflash.ops.status;

import java.nio.file.Path;

/** A backup in the library (an image with its sidecar). */
public record LibraryEntry(Path file, String sha256, String revision, String state, String createdAt) {
}
