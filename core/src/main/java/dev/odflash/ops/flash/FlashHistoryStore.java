package dev.odflash.ops.flash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flash history: {@code $ODFLASH_HOME/history/<device key>.json} ({@link DriveKey#id}), one file per
 * drive holding its verified flashes, oldest first (docs/architecture.md "Contracts"). Written as journals
 * are ({@link AtomicFiles#replace}: a fresh temporary file, create-new and no-follow, fsync, rename, the
 * directory below the data home made without following a link). Read only from a regular file, bounded:
 * a link, a FIFO, a file that does not parse or holds one malformed entry is reported and none of its
 * entries is trusted (a damaged history must not vouch for a drive); so is one whose owner (or whose
 * directory's owner) is neither the data home's owner nor root (under sudo: {@code DataHome#checkTrusted}).
 */
public final class FlashHistoryStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above any history ({@link #KEPT} entries of a few hundred bytes). */
    static final long MAX_BYTES = 4L << 20;
    /** The newest entries kept per drive; older ones are dropped when one is added. */
    static final int KEPT = 1000;
    private final Path home;
    private final Path directory;

    public FlashHistoryStore(Path home, Path directory) {
        this.home = home;
        this.directory = directory;
    }

    /** A drive's history: its entries, or why none of them is trusted. */
    public record History(Path file, List<FlashRecord> entries, Optional<String> problem) {
        public History {
            entries = List.copyOf(entries);
        }

        /** The newest verified entry whose content a drive holding {@code contentSha256} holds. */
        public Optional<FlashRecord> holding(String contentSha256) {
            return entries.reversed().stream().filter(e -> e.verified() && e.contentSha256().equals(contentSha256))
                    .findFirst();
        }

        /** The newest verified entry of {@code version} (a drive judged by the version it reports). */
        public Optional<FlashRecord> ofVersion(String version) {
            return entries.reversed().stream().filter(e -> e.verified() && !version.isEmpty()
                    && e.version().strip().equals(version.strip())).findFirst();
        }
    }

    public Path fileFor(String deviceKey) {
        return directory.resolve(deviceKey + ".json");
    }

    public History read(String deviceKey) {
        Path f = fileFor(deviceKey);
        try {
            return new History(f, entries(f), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new History(f, List.of(), Optional.of(String.valueOf(e.getMessage())));
        }
    }

    /** Adds a verified flash to the drive's history; a damaged history is left as it is, and this is an error. */
    public void append(DriveKey key, FlashRecord entry) throws IOException {
        Path f = fileFor(key.id());
        List<FlashRecord> all = new ArrayList<>(entries(f));
        all.add(entry);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1).put("vendor", key.vendor()).put("product", key.product())
                .put("keyBasis", key.basis()).put("keyValue", key.value());
        ArrayNode list = root.putArray("entries");
        all.subList(Math.max(0, all.size() - KEPT), all.size()).forEach(e -> list.add(e.toJson()));
        AtomicFiles.createDirectoriesBelow(home, directory);
        AtomicFiles.replace(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private List<FlashRecord> entries(Path f) throws IOException {
        BasicFileAttributes d;
        try {
            d = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (!d.isDirectory()) {
            throw new IOException(directory + " is not a directory; odflash does not follow links in its data home");
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (!a.isRegularFile()) {
            throw new IOException(f + " is not a regular file; odflash never follows or opens it");
        }
        if (a.size() > MAX_BYTES) {
            throw new IOException(f + " is " + a.size() + " bytes, too large for a flash history");
        }
        // under sudo, root must not trust (nor extend) a history someone else planted in the user's tree
        dev.odflash.ops.DataHome.checkTrusted(directory, "the flash history's directory");
        dev.odflash.ops.DataHome.checkTrusted(f, "a flash history");
        JsonNode root;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = Channels.newInputStream(ch)) {
            root = JSON.readTree(in.readNBytes((int) MAX_BYTES));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(f + " is not valid JSON");
        }
        if (root == null || !root.path("entries").isArray()) {
            throw new IOException(f + " holds no list of entries");
        }
        List<FlashRecord> out = new ArrayList<>();
        for (JsonNode e : root.path("entries")) {
            try {
                out.add(FlashRecord.fromJson(e));
            } catch (IllegalArgumentException bad) {
                throw new IOException(f + ": " + bad.getMessage() + " (entry " + (out.size() + 1) + ")");
            }
        }
        return out;
    }
}
