package dev.odflash.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.protocol.Configuration;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The library keeps one entry per content and drive key (the drive's folder {@code <vendor>_<product>},
 * docs/architecture.md "Contracts"): a later backup of the same content is recorded as a sighting
 * ({@code createdAt}, {@code serial} when the drive reports one, {@code toolVersion}) in the existing
 * sidecar's {@code seen} list. The sidecar is replaced atomically (a new file renamed over its name,
 * never written through a link); the image and every other field stay as they were.
 */
public final class BackupSightings {
    /** The sidecar field holding the sightings after the first backup. */
    public static final String FIELD = "seen";

    private BackupSightings() {
    }

    /** One later backup of an entry's content. */
    public record Sighting(String createdAt, Optional<String> serial, String toolVersion) {
        ObjectNode toJson(ObjectNode into) {
            into.put("createdAt", createdAt);
            serial.ifPresent(s -> into.put("serial", s));
            into.put("toolVersion", toolVersion);
            return into;
        }
    }

    /** The sighting of a backup taken now of this drive. */
    public static Sighting of(DriveInfo info, Instant when) {
        return new Sighting(when.truncatedTo(ChronoUnit.SECONDS).toString(),
                info.configuration().flatMap(Configuration::unitSerial), ToolVersion.get());
    }

    /** The sightings a sidecar records; a damaged sidecar records none. */
    public static List<Sighting> recorded(Path image) {
        try {
            return recorded(BackupFiles.readTree(BackupSidecar.pathFor(image)));
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Sighting> recorded(JsonNode sidecar) {
        List<Sighting> out = new ArrayList<>();
        for (JsonNode s : sidecar.path(FIELD)) {
            out.add(new Sighting(s.path("createdAt").asText(""),
                    s.hasNonNull("serial") ? Optional.of(s.get("serial").asText()) : Optional.empty(),
                    s.path("toolVersion").asText("")));
        }
        return out;
    }

    /** The sighting a whole entry stands for (its own creation), for merging a duplicate into another. */
    public static Sighting ofEntry(Path image) throws IOException {
        JsonNode s = BackupFiles.readTree(BackupSidecar.pathFor(image));
        JsonNode serial = s.path("drive").path("serial");
        return new Sighting(s.path("createdAt").asText(""),
                serial.isTextual() ? Optional.of(serial.asText()) : Optional.empty(), s.path("toolVersion").asText(""));
    }

    /**
     * The backup in {@code dir} that holds this content in this state, if one does: its sidecar reads,
     * and its image is a plain file (no link followed) whose size and sha256, hashed again now, are
     * what the sidecar records. A damaged entry is never the one a new backup is folded into.
     */
    public static Optional<Path> sameContent(Path dir, String sha256, long size, BackupState state) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<Path> sidecars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.bin.json")) {
            entries.forEach(sidecars::add);
        }
        sidecars.sort(null); // the oldest name first: the same entry every time
        for (Path sidecar : sidecars) {
            String name = sidecar.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            Path image = sidecar.resolveSibling(name.substring(0, name.length() - ".json".length()));
            BackupFiles.Recorded r;
            try {
                r = BackupFiles.readSidecar(sidecar);
            } catch (IOException e) {
                continue;
            }
            if (r.state() == state && r.size() == size && r.sha256().equals(sha256) && AtomicFiles.isPlainFile(image)
                    && Files.size(image) == size && BackupFiles.sha256(image).filter(sha256::equals).isPresent()) {
                return Optional.of(image);
            }
        }
        return Optional.empty();
    }

    /**
     * Adds {@code sightings} to the {@code seen} list of {@code image}'s sidecar, replaced atomically;
     * returns the sidecar as written. Its sha256 and size must still be {@code sha256} and {@code size}
     * (the entry was not swapped meanwhile), else nothing is written.
     */
    public static ObjectNode add(Path image, String sha256, long size, List<Sighting> sightings) throws IOException {
        Path sidecar = BackupSidecar.pathFor(image);
        ObjectNode tree = BackupFiles.readTree(sidecar);
        if (!tree.path("sha256").asText().equals(sha256) || tree.path("size").asLong() != size) {
            throw new IOException(sidecar + " changed while it was being updated");
        }
        ArrayNode seen = tree.has(FIELD) ? (ArrayNode) tree.get(FIELD) : tree.putArray(FIELD);
        sightings.forEach(s -> s.toJson(seen.addObject()));
        AtomicFiles.replace(sidecar, BackupSidecar.bytes(tree));
        return tree;
    }
}
