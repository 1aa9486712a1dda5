package dev.odflash.ops.status;

/**
 * An image odflash can name by content (e.g. the emulator's synthetic versions), by its hash.
 *
 * @param version the revision the image carries ("" when not known): a drive that cannot be read is
 *                matched by the version it reports
 */
public record KnownImage(String name, String sha256, String version) {
    public KnownImage(String name, String sha256) {
        this(name, sha256, "");
    }
}
