package dev.odflash.ops.flash;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Journals live in {@code $ODFLASH_HOME/journals/<device key>.json} ({@link DriveKey#id}).
 *
 * <p>Files here are never followed through a link, nor is the directory itself: a journal is written
 * ({@link AtomicFiles#replace}) to a temporary file of a fresh random name created with create-new and
 * no-follow semantics (O_CREAT|O_EXCL|O_NOFOLLOW:
 * a planted link or FIFO is an error, never a target), forced to disk, renamed over the journal's
 * name (rename replaces a planted link itself, never its target) and then the directory is forced,
 * so the rename itself survives a power loss (rename(2) changes the directory, which fsync of the
 * file does not cover). Reading takes only a regular file: a link or a FIFO at a journal's name is
 * reported, never opened (opening a FIFO would block).
 */
public final class JournalStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A journal is a few hundred bytes; anything far larger is not one. */
    private static final long MAX_JOURNAL_BYTES = 1 << 20;
    private final Path directory;

    public JournalStore(Path directory) {
        this.directory = directory;
    }

    /** The journal key of an opened drive ({@link DriveKey#of}). */
    public static String deviceKey(DriveInfo info, Device device) throws OdflashException {
        return DriveKey.of(info, device).id();
    }

    public Path directory() {
        return directory;
    }

    public Path fileFor(String deviceKey) {
        return directory.resolve(deviceKey + ".json");
    }

    public Optional<Journal> pending(String deviceKey) throws IOException {
        checkDirectory();
        Path f = fileFor(deviceKey);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!a.isRegularFile()) {
            throw new IOException(f + " is not a regular file (" + kind(a) + "); odflash never follows or opens it");
        }
        if (a.size() > MAX_JOURNAL_BYTES) {
            throw new IOException(f + " is " + a.size() + " bytes, too large for a journal");
        }
        dev.odflash.ops.DataHome.checkTrusted(f, "a journal"); // root must not act on a journal someone else planted
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = Channels.newInputStream(ch)) {
            return Optional.of(Journal.fromJson(JSON.readTree(in.readNBytes((int) MAX_JOURNAL_BYTES))));
        }
    }

    /** One entry of {@link #all}: a journal, or why its file could not be read. */
    public record Entry(String key, Path file, Optional<Journal> journal, String problem) {
    }

    /** Every journal file in the directory (temporary files left by a crash are not journals). */
    public List<Entry> all() throws IOException {
        List<Entry> out = new ArrayList<>();
        checkDirectory();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*.json")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            String key = name.substring(0, name.length() - ".json".length());
            try {
                Optional<Journal> j = pending(key);
                j.ifPresent(journal -> out.add(new Entry(key, f, j, "")));
            } catch (IOException | RuntimeException e) {
                out.add(new Entry(key, f, Optional.empty(), String.valueOf(e.getMessage())));
            }
        }
        return out;
    }

    /**
     * Writes the journal durably through the library's one publish path ({@link AtomicFiles#replace}: a
     * new temporary file, create-new and no-follow, fsync, rename), then fsyncs the directory, which must
     * succeed here (the rename is the journal's commit). The directory is made below the data home
     * without following a link ({@link AtomicFiles#createDirectoriesBelow}): a link planted at
     * {@code journals} is refused, never written through.
     */
    public void write(Journal journal) throws IOException {
        AtomicFiles.createDirectoriesBelow(directory.toAbsolutePath().getParent(), directory);
        AtomicFiles.replace(fileFor(journal.deviceKey()),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(journal.toJson()));
        forceDirectory();
    }

    /** Removes the journal's name (a link there is removed itself, never its target). */
    public void remove(String deviceKey) throws IOException {
        checkDirectory();
        Files.deleteIfExists(fileFor(deviceKey));
        forceDirectory();
    }

    /** The journals directory may be missing; anything but a real directory there (a link above all) is refused. */
    private void checkDirectory() throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!a.isDirectory()) {
            throw new IOException(directory + " is not a directory (" + kind(a) + "); odflash does not follow links"
                    + " in its data home");
        }
    }

    /** fsync of the directory makes a rename or unlink durable (POSIX; Windows cannot open a directory so). */
    private void forceDirectory() throws IOException {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static String kind(BasicFileAttributes a) {
        return a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory" : "a FIFO, socket or device";
    }
}
