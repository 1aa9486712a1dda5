package dev.odflash.ops.status;

/** An image odflash can name by content (e.g. the emulator's synthetic versions), by its hash. */
public record KnownImage(String name, String sha256) {
}
