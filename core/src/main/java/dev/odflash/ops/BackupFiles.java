package dev.odflash.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.bytes.Hex;
import dev.odflash.bytes.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A backup on disk is an image {@code FILE} and its sidecar {@code FILE.json}, published sidecar first
 * and image last ({@link AtomicFiles#publishWithSidecar}): the image's final link is the commit.
 * So a sidecar without its image is an unfinished publish, never a backup: the next backup removes it,
 * or finishes the publish when its temporary image verifies against the sidecar. An image without a
 * sidecar is not odflash's to judge: never deleted, replaced or trusted, only reported.
 */
public final class BackupFiles {
    /** A sidecar is a few hundred bytes; anything far larger is not one. */
    static final long MAX_SIDECAR = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupFiles() {
    }

    /** What a sidecar records about its image. */
    public record Recorded(long size, String sha256, BackupState state, String revision, String createdAt,
                           BackupCoverage coverage) {
    }

    /** A publish the next run found unfinished, and what became of it. */
    public record Settled(Path image, boolean finished) {
    }

    /** Reads {@code FILE.json}: a plain file (no link, no FIFO), bounded, with a sha256 and a size. */
    public static Recorded readSidecar(Path sidecar) throws IOException {
        JsonNode s = readTree(sidecar);
        // a sidecar from before the field covers the whole flash; a word odflash never writes is damage,
        // so a regions sidecar can never be read as a full one
        BackupCoverage coverage = s.has("coverage") ? BackupCoverage.of(s.path("coverage").asText(""))
                .orElseThrow(() -> new IOException("unknown coverage")) : BackupCoverage.FULL;
        return new Recorded(s.path("size").asLong(), s.path("sha256").asText(), BackupState.of(s.path("state").asText("")),
                s.path("drive").path("revision").asText(""), s.path("createdAt").asText(""), coverage);
    }

    /** The whole sidecar as {@link #readSidecar} checks it: an object with a sha256 and a size. */
    static ObjectNode readTree(Path sidecar) throws IOException {
        if (!AtomicFiles.isPlainFile(sidecar)) {
            throw new IOException(AtomicFiles.taken(sidecar) ? "not a regular file" : "missing");
        }
        JsonNode s;
        try (FileChannel ch = FileChannel.open(sidecar, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (ch.size() > MAX_SIDECAR) {
                throw new IOException("larger than any sidecar (" + ch.size() + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read it all
            }
            s = JSON.readTree(buf.array());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not valid JSON");
        }
        if (s == null || !s.isObject()) {
            throw new IOException("not a JSON object");
        }
        String sha = s.path("sha256").asText("");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new IOException("no sha256");
        }
        if (!s.path("size").canConvertToLong() || s.path("size").asLong() < 0) {
            throw new IOException("no size");
        }
        if (s.has(BackupSightings.FIELD) && !s.get(BackupSightings.FIELD).isArray()) {
            throw new IOException(BackupSightings.FIELD + " is not a list");
        }
        return (ObjectNode) s;
    }

    /** The sha256 of a plain file streamed (never a link, FIFO or device), empty when it is not one. */
    public static Optional<String> sha256(Path file) throws IOException {
        if (!AtomicFiles.isPlainFile(file)) {
            return Optional.empty();
        }
        MessageDigest md = Sha256.digest();
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return Optional.of(Hex.of(md.digest()));
    }

    /**
     * The sidecar rules for {@code flash --backup FILE}: a sidecar without FILE is an unfinished
     * publish (usage, 2); a damaged sidecar, an {@code interrupted} dump, or a FILE that does not have
     * the size and sha256 its sidecar records is refused (4), and so is a regions-only backup (it covers
     * a few regions, never the whole flash this option vouches for). FILE without a sidecar is left to the
     * caller, who accepts it only if it equals what the drive holds now.
     */
    public static void checkVouched(Path file) throws OdflashException {
        Path sidecar = BackupSidecar.pathFor(file);
        boolean hasSidecar = AtomicFiles.taken(sidecar);
        if (!Files.exists(file)) {
            if (hasSidecar) {
                throw OdflashException.usage(Choice.OWN_BACKUP.mention() + " " + file + ": only its sidecar " + sidecar.getFileName()
                        + " exists: an unfinished backup (its publish never reached the image), not a backup;"
                        + " leave out " + Choice.OWN_BACKUP.mention() + " and odflash takes a fresh one");
            }
            return;
        }
        if (!hasSidecar) {
            return;
        }
        Recorded r;
        try {
            r = readSidecar(sidecar);
        } catch (IOException e) {
            throw OdflashException.refused(Gate.BACKUP_FILE, Choice.OWN_BACKUP.mention() + " " + file + ": its sidecar " + sidecar.getFileName()
                    + " is damaged (" + e.getMessage() + "), so it is no backup odflash vouches for");
        }
        if (r.state() == BackupState.INTERRUPTED) {
            throw OdflashException.refused(Gate.BACKUP_FILE, Choice.OWN_BACKUP.mention() + " " + file + ": its sidecar says it is a dump of a half-written"
                    + " drive (state interrupted), never a backup");
        }
        if (r.coverage() != BackupCoverage.FULL) {
            throw OdflashException.refused(Gate.BACKUP_FILE, Choice.OWN_BACKUP.mention() + " " + file + ": its sidecar says it is a"
                    + " regions-only backup (coverage regions): it holds a few regions of the flash, never the whole"
                    + " flash, so it is no backup to vouch for");
        }
        try {
            Path real = file.toRealPath();
            if (!Files.isRegularFile(real)) {
                return; // not a file at all: the input reader refuses it
            }
            if (Files.size(real) != r.size() || !sha256(real).filter(r.sha256()::equals).isPresent()) {
                throw OdflashException.refused(Gate.BACKUP_FILE, Choice.OWN_BACKUP.mention() + " " + file + " does not have the size and sha256 its sidecar "
                        + sidecar.getFileName() + " records: a damaged backup, not used");
            }
        } catch (IOException e) {
            throw OdflashException.usage(Choice.OWN_BACKUP.mention() + " " + file + ": " + e.getMessage());
        }
    }

    /** Whether {@code image} is an unfinished publish: its name is free and a readable sidecar is there. */
    public static boolean isUnfinished(Path image) {
        if (AtomicFiles.taken(image)) {
            return false;
        }
        try {
            readSidecar(BackupSidecar.pathFor(image));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Before a retry of {@code backup -o FILE} publishes: removes an unfinished publish of {@code image}
     * (its sidecar) and the temporary files an interrupted run left for both names (only plain files
     * with odflash's temporary names). FILE itself, if anything holds it, is never touched.
     */
    public static void removeUnfinished(Path image) throws IOException {
        if (AtomicFiles.taken(image)) {
            return;
        }
        if (isUnfinished(image)) {
            Files.deleteIfExists(BackupSidecar.pathFor(image));
        }
        removeTemps(image);
        removeTemps(BackupSidecar.pathFor(image));
    }

    /**
     * Settles every unfinished publish in one library directory: finishes it (links its temporary
     * image) when that temporary file has the size and sha256 its sidecar records, else removes it.
     */
    public static List<Settled> settle(Path dir) throws IOException {
        List<Settled> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        List<Path> sidecars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.bin.json")) {
            entries.forEach(sidecars::add);
        }
        for (Path sidecar : sidecars) {
            String name = sidecar.getFileName().toString();
            Path image = sidecar.resolveSibling(name.substring(0, name.length() - ".json".length()));
            if (!isUnfinished(image)) {
                continue;
            }
            boolean finished = finish(image, readSidecar(sidecar));
            if (!finished) {
                Files.deleteIfExists(sidecar);
                removeTemps(image);
                removeTemps(sidecar);
            } else {
                removeTemps(image);
                removeTemps(sidecar);
            }
            out.add(new Settled(image, finished));
        }
        return out;
    }

    private static boolean finish(Path image, Recorded recorded) throws IOException {
        for (Path temp : temps(image)) {
            if (Files.size(temp) == recorded.size() && sha256(temp).filter(recorded.sha256()::equals).isPresent()) {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    ch.force(true); // it verified from the page cache; make it durable before it becomes the backup
                }
                try {
                    Files.createLink(image, temp);
                } catch (FileAlreadyExistsException e) {
                    return true; // the run that wrote it committed meanwhile
                }
                return true;
            }
        }
        return false;
    }

    private static List<Path> temps(Path target) throws IOException {
        List<Path> out = new ArrayList<>();
        Path dir = target.toAbsolutePath().getParent();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> FileSteps.isTempOf(p.getFileName().toString(), target) && AtomicFiles.isPlainFile(p))) {
            entries.forEach(out::add);
        }
        return out;
    }

    private static void removeTemps(Path target) throws IOException {
        for (Path t : temps(target)) {
            Files.deleteIfExists(t);
        }
    }
}
