package dev.odflash.nativeio.linux;

import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;
import dev.odflash.transport.lock.ProcLocks;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One drive, one odflash: an exclusive flock(2) on the drive's sg node, held from the drive's open to
 * its close. The node is opened O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC: read-only and without
 * waiting, so the lock never needs write access or creates anything, and a link planted where the node
 * should be is refused (ELOOP) rather than followed. The lock lives on the open file description, so
 * the kernel drops it when the process dies, however it dies; sr and sg nodes of one drive lock the same
 * sg node (the caller resolves it through sysfs). A second taker, in this process or another, gets
 * BUSY with the owner's PID from /proc/locks (a FLOCK entry on the node's device and inode).
 */
public final class SgNodeLock implements AutoCloseable {
    private final String node;
    private final LinuxIo io;
    private int fd;

    private SgNodeLock(String node, LinuxIo io, int fd) {
        this.node = node;
        this.io = io;
        this.fd = fd;
    }

    /**
     * Takes the lock on {@code node} for the drive a user named {@code spec}, or fails: BUSY "in use by
     * PID n" when another holder has it, the open's own error otherwise.
     */
    public static SgNodeLock acquire(String spec, String node, LinuxIo io) throws TransportException {
        LinuxIo.Outcome o = io.open(node, LinuxIo.O_RDONLY | LinuxIo.O_NOFOLLOW | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC);
        if (o.failed()) {
            if (o.errno() == Errno.ELOOP) {
                throw new TransportException(Kind.OS_ERROR, node + " (the lock node of " + spec + ") is a symbolic"
                        + " link, not a device node; odflash does not follow it. Check what replaced it.", o.errno(),
                        null);
            }
            if (o.errno() == Errno.EBUSY) {
                // sg refuses every open while a flashing odflash holds the node O_EXCL (with the lock on that descriptor)
                Optional<Long> owner = ProcLocks.FileId.of(Path.of(node)).flatMap(id -> ProcLocks.owner("FLOCK", id));
                if (owner.isPresent()) {
                    throw busy(spec, node, owner, o.errno());
                }
            }
            throw Errno.open(node, o.errno(), null);
        }
        int fd = o.rc();
        LinuxIo.Outcome f = io.flock(fd, LinuxIo.LOCK_EX | LinuxIo.LOCK_NB);
        if (f.failed()) {
            Optional<Long> owner = f.errno() == Errno.EWOULDBLOCK ? owner(fd) : Optional.empty();
            io.close(fd);
            if (f.errno() == Errno.EWOULDBLOCK) {
                throw busy(spec, node, owner, f.errno());
            }
            throw new TransportException(Kind.OS_ERROR, node + ": flock failed (" + Errno.name(f.errno()) + ")",
                    f.errno(), null);
        }
        return new SgNodeLock(node, io, fd);
    }

    /** "SPEC is in use by PID n": the refusal every second taker gets. */
    static TransportException busy(String spec, String node, Optional<Long> owner, int errno) {
        return new TransportException(Kind.BUSY, spec + " is in use by " + owner.map(p -> "PID " + p
                + (p == ProcessHandle.current().pid() ? " (this odflash itself)" : "")).orElse("another program")
                + " (it holds the lock on " + node + "); wait for it to finish", errno, null);
    }

    /** The holder of the node's flock, found by the device and inode of the file our descriptor opened. */
    private static Optional<Long> owner(int fd) {
        return ProcLocks.FileId.of(Path.of("/proc/self/fd/" + fd)).flatMap(id -> ProcLocks.owner("FLOCK", id));
    }

    /** The node the lock is on ("/dev/sg0"). */
    public String node() {
        return node;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            io.close(fd); // closing the last descriptor of the open file description releases the flock
            fd = -1;
        }
    }
}
