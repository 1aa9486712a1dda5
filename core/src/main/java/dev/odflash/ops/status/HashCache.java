package dev.odflash.ops.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.input.BoundedInput;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.BackupFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sha256 of library images, so `status` re-checks every file without re-reading unchanged ones:
 * an entry counts only while the file keeps its size, mtime and inode. Kept in the data home; a
 * missing or unreadable cache (or a link or FIFO at its name) is simply rebuilt, never followed.
 */
final class HashCache {
    /** Far above any library's cache; a larger file is not read. */
    static final long MAX_CACHE = 4L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, Entry> before = new HashMap<>();
    private final Map<String, Entry> now = new HashMap<>();

    private record Entry(long size, long mtimeNanos, String inode, String sha256) {
    }

    private HashCache(Path file) {
        this.file = file;
    }

    static HashCache load(Path file) {
        HashCache c = new HashCache(file);
        try {
            if (AtomicFiles.isPlainFile(file) && Files.size(file) <= MAX_CACHE) {
                // bounded and regular-only on the opened handle too: a FIFO swapped in after the check cannot block
                byte[] bytes = BoundedInput.read(file, MAX_CACHE, "the hash cache");
                JsonNode files = JSON.readTree(bytes).path("files");
                files.properties().forEach(e -> c.before.put(e.getKey(), new Entry(e.getValue().path("size").asLong(-1),
                        e.getValue().path("mtimeNanos").asLong(-1), e.getValue().path("inode").asText(""),
                        e.getValue().path("sha256").asText(""))));
            }
        } catch (IOException | RuntimeException e) { // InputFileException is an IOException
            c.before.clear(); // a damaged cache only costs a re-hash
        }
        return c;
    }

    /** The sha256 of a plain file (cached while unchanged); empty if it is not a plain file. */
    Optional<String> sha256(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            return Optional.empty();
        }
        String key = p.toAbsolutePath().normalize().toString();
        Entry e = new Entry(a.size(), a.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                + a.lastModifiedTime().toInstant().getNano(), Objects.toString(a.fileKey(), ""), "");
        Entry cached = before.get(key);
        if (cached != null && cached.size() == e.size() && cached.mtimeNanos() == e.mtimeNanos()
                && cached.inode().equals(e.inode()) && cached.sha256().matches("[0-9a-f]{64}")) {
            now.put(key, cached);
            return Optional.of(cached.sha256());
        }
        Optional<String> sha = BackupFiles.sha256(p);
        sha.ifPresent(s -> now.put(key, new Entry(e.size(), e.mtimeNanos(), e.inode(), s)));
        return sha;
    }

    /** Writes the cache if it changed; best effort (a read-only data home only costs re-hashing). */
    void save(Path home) {
        if (now.equals(before)) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode files = root.putObject("files");
        now.forEach((k, v) -> files.putObject(k).put("size", v.size()).put("mtimeNanos", v.mtimeNanos())
                .put("inode", v.inode()).put("sha256", v.sha256()));
        try {
            AtomicFiles.createDirectoriesBelow(home, file.getParent());
            AtomicFiles.replace(file, JSON.writeValueAsBytes(root));
        } catch (IOException | RuntimeException e) {
            // not saved: the next status hashes again
        }
    }
}
