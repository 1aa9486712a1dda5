package dev.odflash.ops;

import dev.odflash.ops.FileSteps.Step;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Publishes files so a reader sees the whole file or none: write a temporary file beside the
 * target, fsync it, then link it into place (a hard link fails if anything, even a link or a FIFO,
 * holds the name, so nothing is overwritten even in a race), and fsync the directory.
 *
 * <p>No step follows a link: the temporary file is created new ({@code O_CREAT|O_EXCL}, which fails
 * on a planted link or FIFO rather than opening it) under an unpredictable name, and link(2) and
 * rename(2) act on the name itself. The target's directory must exist: a publish never creates it.
 * A publish never falls back to a rename: a file system without hard links (FAT, some network
 * mounts) fails the publish with its error, since a rename could replace a file that appeared.
 */
public final class AtomicFiles {
    private static final System.Logger LOG = System.getLogger("dev.odflash.backup");
    /** The steps of the publishes on this thread; a test binds its own to stop or fail at each. */
    public static final ScopedValue<FileSteps> STEPS = ScopedValue.newInstance();
    static final int CHUNK = 64 * 1024;
    /** Names tried for a temporary file before giving up (each taken one is skipped, never opened). */
    static final int TEMP_ATTEMPTS = 16;

    private AtomicFiles() {
    }

    private static FileSteps steps() {
        return STEPS.orElse(FileSteps.REAL);
    }

    /** Publishes {@code content} at {@code target}; fails if anything holds the name. */
    public static void publish(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            link(temp, target);
            syncDirectory(directoryOf(target));
        } finally {
            removeQuietly(temp);
        }
    }

    /**
     * Publishes an image and its sidecar with one commit point: both are written and fsynced as
     * temporary files, the sidecar is linked first and the image last, so the image's final link is
     * the commit. A sidecar without its image is an unfinished publish ({@link BackupFiles}); a
     * failure before the commit removes the sidecar again.
     */
    public static void publishWithSidecar(Path image, byte[] imageBytes, Path sidecar, byte[] sidecarBytes)
            throws IOException {
        Path imageTemp = writeTemp(image, imageBytes);
        Path sidecarTemp = null;
        boolean sidecarLinked = false;
        boolean committed = false;
        try {
            sidecarTemp = writeTemp(sidecar, sidecarBytes);
            LOG.log(Level.DEBUG, "publish: image and sidecar written and synced as temporary files beside " + image);
            link(sidecarTemp, sidecar);
            sidecarLinked = true;
            LOG.log(Level.DEBUG, "publish: sidecar linked at " + sidecar);
            syncDirectory(directoryOf(image));
            try {
                link(imageTemp, image);
            } catch (FileAlreadyExistsException e) {
                // another run finished this very publish (its temporary image verified): that is the commit
                if (!sameFile(image, imageTemp)) {
                    throw e;
                }
            }
            committed = true;
            LOG.log(Level.DEBUG, "publish: image linked at " + image + " (the commit)");
            syncDirectory(directoryOf(image));
        } finally {
            if (sidecarLinked && !committed && sameFile(sidecar, sidecarTemp)) {
                LOG.log(Level.DEBUG, "publish: not committed; the sidecar " + sidecar + " is removed again");
                removeQuietly(sidecar);
            }
            removeQuietly(sidecarTemp);
            removeQuietly(imageTemp);
        }
    }

    /**
     * Replaces {@code target} (a file odflash owns, such as a cache) atomically: rename(2) replaces the
     * name, never a file a link there points to.
     */
    public static void replace(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            steps().before(Step.LINK, target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(directoryOf(target));
        } finally {
            removeQuietly(temp);
        }
    }

    /**
     * Publishes a file the user asked for, with the contract's exit codes: an existing file (or link,
     * or anything else at the name) is refused (4) and left alone; a missing or unwritable directory
     * is a usage error (2): odflash never creates the parents of a file the user named.
     */
    public static void publishNew(Path target, byte[] content) throws OdflashException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, target + " exists; odflash never overwrites a file");
        }
        Path dir = directoryOf(target);
        if (!Files.isDirectory(dir)) {
            throw OdflashException.usage("output directory " + dir + " does not exist");
        }
        try {
            publish(target, content);
        } catch (FileAlreadyExistsException e) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, target + " exists; odflash never overwrites a file");
        } catch (IOException e) {
            throw OdflashException.usage("cannot write " + target + ": " + e.getMessage());
        }
    }

    /**
     * Makes {@code dir} and the directories between {@code base} and it (base itself is created as a
     * configured path may be); each one below base must be a real directory: a link there is refused,
     * never followed.
     */
    public static void createDirectoriesBelow(Path base, Path dir) throws IOException {
        Path b = base.toAbsolutePath().normalize();
        Path d = dir.toAbsolutePath().normalize();
        if (!d.startsWith(b)) {
            throw new IOException(d + " is not inside " + b);
        }
        java.util.Optional<DataHome.Handover> handover = DataHome.handoverFor(d);
        if (handover.isPresent()) {
            // under sudo: made through descriptors from the user's home down, each new one given to the user
            DataHome.Handover h = handover.get();
            h.tree().makeDirectories(h.anchor(), d, h.uid(), h.gid());
            return;
        }
        Files.createDirectories(b);
        Path at = b;
        for (Path part : b.relativize(d)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            at = at.resolve(part);
            try {
                Files.createDirectory(at); // mkdir(2) never follows a link at the name
            } catch (FileAlreadyExistsException e) {
                BasicFileAttributes a = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isDirectory()) {
                    throw new IOException(at + (a.isSymbolicLink() ? " is a symbolic link" : " is not a directory")
                            + "; odflash does not follow links in its data home");
                }
            }
        }
    }

    /** Whether a name is taken by anything at all (a dangling link included). */
    public static boolean taken(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether {@code p} is a regular file itself (not a link to one, not a FIFO or device). */
    public static boolean isPlainFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static Path directoryOf(Path target) {
        return target.toAbsolutePath().getParent();
    }

    private static Path writeTemp(Path target, byte[] content) throws IOException {
        FileSteps s = steps();
        Path dir = directoryOf(target);
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(s.tempName(target, attempt));
            s.before(Step.CREATE_TEMP, temp);
            FileChannel ch;
            try {
                ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException e) {
                if (attempt + 1 >= TEMP_ATTEMPTS) {
                    throw new IOException("no free temporary name beside " + target + " (" + TEMP_ATTEMPTS + " tried)");
                }
                continue;
            }
            try (ch) {
                for (int off = 0; off < content.length || off == 0; off += CHUNK) {
                    s.before(Step.WRITE, temp);
                    ByteBuffer buf = ByteBuffer.wrap(content, off, Math.min(CHUNK, content.length - off));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    if (content.length == 0) {
                        break;
                    }
                }
                s.before(Step.SYNC_FILE, temp);
                ch.force(true);
                DataHome.claimCreated(temp); // under sudo the file is the user's before its name is
            } catch (IOException | RuntimeException e) {
                removeQuietly(temp);
                throw e;
            }
            return temp;
        }
    }

    private static void link(Path temp, Path target) throws IOException {
        steps().before(Step.LINK, target);
        try {
            steps().createLink(target, temp);
        } catch (UnsupportedOperationException e) {
            // No rename fallback: rename(2) replaces a file that appears between a check and the move,
            // so "a link fails rather than overwrite" would not hold. Such a file system is refused.
            throw new IOException(target + ": this file system has no hard links, and odflash publishes only"
                    + " by linking (so nothing at the name is ever overwritten); write to another file system", e);
        }
        // Any IOException (FileAlreadyExistsException included) fails the publish as it is.
    }

    /** Same file, compared without following a link at either name. */
    private static boolean sameFile(Path a, Path b) {
        if (b == null) {
            return false;
        }
        try {
            Object ka = Files.readAttributes(a, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            Object kb = Files.readAttributes(b, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return ka != null && Objects.equals(ka, kb);
        } catch (IOException e) {
            return false;
        }
    }

    private static void removeQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            steps().before(Step.REMOVE, p);
            Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException ignored) {
            // a leftover temporary file is hidden and never read as a backup; the next run removes it
        }
    }

    private static void syncDirectory(Path dir) {
        try {
            steps().before(Step.SYNC_DIRECTORY, dir);
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        } catch (IOException ignored) {
            // not every OS lets a directory be opened for fsync; the files themselves are already synced
        }
    }
}
