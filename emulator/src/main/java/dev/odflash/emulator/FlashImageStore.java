package dev.odflash.emulator;

import dev.odflash.emulator.chip.CellSink;
import dev.odflash.emulator.chip.CellSinkFailure;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.lock.ProcLocks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an emulated drive's flash lives between runs ({@code ?image=FILE}), kept the way a chip keeps
 * its cells: the file is opened once, without following a link, and must be a regular file of the
 * chip's size (never padded or cut, docs/architecture.md "Contracts"); a missing one is created (create-new)
 * holding the profile's default firmware. Every erase or program call writes the cells it touched at
 * their offset before it returns ({@link CellSink}), so a run killed at any instant leaves what a real
 * chip would hold, and a run that writes nothing (info, status, backup, doctor) never changes the file.
 *
 * <p>Positional writes rather than a file mapping: a mapping faults (SIGBUS, an InternalError in Java)
 * when another program truncates the file, where a write just reports an error.
 *
 * <p>One drive, one writer: the open file carries an exclusive lock (FileChannel.tryLock, a POSIX
 * record lock on Linux) held until {@link #close()}; another process gets "in use by PID n" from
 * /proc/locks. POSIX drops every lock a process holds on a file when any of its descriptors for that
 * file closes, so a second open from this process is refused before it opens anything ({@link #HELD}).
 */
public final class FlashImageStore implements CellSink, AutoCloseable {
    /** Image files this process holds, by file key (device and inode): a hard link or another spelling is the same file. */
    private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

    private final Optional<Path> file;
    private FileChannel channel;
    private FileLock lock;
    private Object key;

    public FlashImageStore(Optional<Path> file) {
        this.file = file;
    }

    public Optional<Path> file() {
        return file;
    }

    /**
     * Opens and locks the image, returning what it holds; a missing file is created holding
     * {@code factory}. An in-memory drive (no file) starts from {@code factory}.
     *
     * @throws IllegalArgumentException a link, FIFO, device or directory at the path, or a file of another
     *                                  size: a usage error, said at once (nothing waits on a FIFO)
     * @throws TransportException       of kind BUSY: another odflash has the drive ("in use by PID n")
     */
    public byte[] open(long expectedSize, byte[] factory) throws IOException, TransportException {
        if (file.isEmpty()) {
            return factory.clone();
        }
        Path path = file.get().toAbsolutePath();
        try {
            return create(path, factory);
        } catch (FileAlreadyExistsException e) {
            return openExisting(path, expectedSize);
        }
    }

    /** create-new (O_CREAT|O_EXCL, which never follows a link): a planted link or FIFO makes it fail, not write. */
    private byte[] create(Path path, byte[] factory) throws IOException, TransportException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        boolean locked = false;
        try {
            lock(path, ch);
            locked = true;
            register(path, identity(path, attributes(path)));
            writeFully(ch, factory, 0, factory.length);
            return factory.clone();
        } catch (IOException | TransportException | RuntimeException e) {
            close();
            closeQuietly(ch);
            if (locked) {
                Files.deleteIfExists(path); // ours and half made: no file is better than a short one
            }
            throw e;
        }
    }

    private byte[] openExisting(Path path, long expectedSize) throws IOException, TransportException {
        BasicFileAttributes before;
        try {
            before = attributes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("image file " + path + " vanished while it was opened; try again");
        }
        requireRegular(path, before);
        register(path, identity(path, before)); // before opening: see the class comment
        FileChannel ch;
        try {
            // READ+WRITE: on Linux an O_RDWR open of a FIFO does not wait for a peer, and the checks below refuse it
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            close(); // unregisters: a failed open holds nothing
            throw e;
        }
        try {
            BasicFileAttributes after = attributes(path);
            requireRegular(path, after);
            if (!identity(path, after).equals(key)) {
                throw new IllegalArgumentException("image file " + path + " was replaced while it was opened; try again");
            }
            lock(path, ch);
            long size = ch.size(); // fstat on the opened handle: a FIFO or character device has none
            if (size != expectedSize) {
                throw new IllegalArgumentException("image file " + path + " holds " + size + " bytes but the chip has "
                        + expectedSize + "; it is neither padded nor cut (use a file made for this chip, or another path)");
            }
            byte[] contents = new byte[Math.toIntExact(expectedSize)];
            ByteBuffer b = ByteBuffer.wrap(contents);
            while (b.hasRemaining()) {
                if (ch.read(b, b.position()) < 0) {
                    throw new IllegalArgumentException("image file " + path + " was cut short while it was read");
                }
            }
            return contents;
        } catch (IOException | TransportException | RuntimeException e) {
            close();
            closeQuietly(ch);
            throw e;
        }
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void requireRegular(Path path, BasicFileAttributes a) {
        String what = a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory"
                : a.isOther() ? "a FIFO, socket or device" : null;
        if (what != null) {
            throw new IllegalArgumentException("image file " + path + " is " + what
                    + "; an image must be a regular file (odflash never follows a link there)");
        }
        try {
            Object links = Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                throw new IllegalArgumentException("image file " + path + " has " + n + " hard links; an image is"
                        + " written in place, so it must be a file of its own (copy it)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no unix attribute view (not Linux): nothing more to check
        }
    }

    /** Device and inode where the platform has them, else the real path (Windows). */
    private static Object identity(Path path, BasicFileAttributes a) throws IOException {
        return a.fileKey() != null ? a.fileKey() : path.toRealPath(LinkOption.NOFOLLOW_LINKS);
    }

    /** Marks the file as this process's; a second drive on it in this process is refused here. */
    private void register(Path path, Object identity) throws TransportException {
        if (!HELD.add(identity)) {
            throw inUse(path, ProcessHandle.current().pid(), true);
        }
        key = identity;
    }

    /** Takes the lock on the opened channel; the file is this store's from here until {@link #close()}. */
    private void lock(Path path, FileChannel ch) throws IOException, TransportException {
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // this JVM holds it through a channel we do not know of
        }
        if (l == null) {
            Optional<Long> owner = ProcLocks.FileId.of(path).flatMap(id -> ProcLocks.owner("POSIX", id));
            throw inUse(path, owner.orElse(-1L), owner.filter(p -> p == ProcessHandle.current().pid()).isPresent());
        }
        channel = ch;
        lock = l;
    }

    private static TransportException inUse(Path path, long pid, boolean self) {
        String who = pid > 0 ? "PID " + pid + (self ? " (this odflash itself)" : "") : "another program";
        return new TransportException(TransportException.Kind.BUSY, "the emulated drive's image " + path
                + " is in use by " + who + "; wait for it to finish");
    }

    /** The cells an erase or program call left, written at their offset (see the class comment). */
    @Override
    public void written(byte[] cells, int from, int to) {
        if (channel == null) {
            return;
        }
        try {
            ImageWrites.CURRENT.orElse(ImageWrites.REAL).before(file.orElseThrow(), from, to - from);
            writeFully(channel, cells, from, to - from);
        } catch (IOException e) {
            throw new CellSinkFailure("cannot write the emulated flash to " + file.orElseThrow(), e);
        }
    }

    private static void writeFully(FileChannel ch, byte[] bytes, int from, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, from, length);
        while (b.hasRemaining()) {
            ch.write(b, b.position());
        }
    }

    /** Gives the file back: the lock goes, nothing is written (every operation already is). */
    @Override
    public void close() {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            lock = null;
        }
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
        if (key != null) {
            HELD.remove(key);
            key = null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
