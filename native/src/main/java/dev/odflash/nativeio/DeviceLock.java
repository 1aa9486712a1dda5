package dev.odflash.nativeio;

import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The lock file odflash processes respect: {@code odflash-<key>.lock} holding the owner's PID, locked
 * with an OS file lock (fcntl on Linux, LockFileEx on Windows) so a crashed owner never leaves a stale
 * lock: the file may stay, the lock goes with the process. The key names the drive, not the node, so
 * /dev/sr0 and /dev/sg0 of one drive share one lock.
 */
public final class DeviceLock implements AutoCloseable {
    /**
     * Locks this process holds. POSIX drops all of a process's fcntl locks on a file when any of its
     * descriptors for that file closes, so a second attempt from this process must not even open it.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DeviceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Where locks live: $ODFLASH_LOCK_DIR if set; else /run/lock (system-wide, so odflash run by
     * different users sees the same lock) when writable; else $ODFLASH_HOME/locks or
     * ~/.local/share/odflash/locks.
     */
    public static Path defaultDirectory(Map<String, String> env) {
        String explicit = env.get("ODFLASH_LOCK_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path run = Path.of("/run/lock");
        if (Files.isDirectory(run) && Files.isWritable(run)) {
            return run;
        }
        String home = env.get("ODFLASH_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "locks");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "odflash", "locks");
    }

    /** A file-name-safe key: "0:0:0:0" becomes "0_0_0_0". */
    public static String key(String driveId) {
        return driveId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Takes the lock for {@code key} or fails with "in use by PID n". */
    public static DeviceLock acquire(Path directory, String key, String what) throws TransportException {
        Path file = directory.resolve("odflash-" + key(key) + ".lock").toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new TransportException(Kind.BUSY, what + " is in use by PID " + ProcessHandle.current().pid()
                    + " (this odflash itself; lock " + file + ")");
        }
        FileChannel ch = null;
        try {
            Files.createDirectories(directory);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // not our file (another user made it) or not a POSIX file system: the lock still works
            }
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                String owner = readOwner(ch);
                ch.close();
                HELD.remove(file);
                throw new TransportException(Kind.BUSY, what + " is in use by " + (owner.isEmpty() ? "another odflash"
                        : "PID " + owner) + " (lock " + file + "); wait for it to finish");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new DeviceLock(file, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            HELD.remove(file);
            throw new TransportException(Kind.OS_ERROR, "cannot create the lock file " + file + ": " + e.getMessage(),
                    0, e);
        }
    }

    private static String readOwner(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases the lock anyway
        }
        closeQuietly(channel);
        HELD.remove(file);
    }
}
