package dev.odflash.ops.status;

import java.util.Optional;

/**
 * An image odflash can name by content (e.g. the emulator's synthetic versions), by its hash.
 *
 * @param version the revision the image carries ("" when not known): a drive that cannot be read is
 *                matched by the version it reports
 * @param content the image itself, when at hand: `status` then shows where a drive that matches nothing
 *                differs from it
 */
public record KnownImage(String name, String sha256, String version, Optional<byte[]> content) {
    public KnownImage(String name, String sha256) {
        this(name, sha256, "", Optional.empty());
    }

    public KnownImage(String name, String sha256, String version) {
        this(name, sha256, version, Optional.empty());
    }
}
