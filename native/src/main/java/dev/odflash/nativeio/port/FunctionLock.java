package dev.odflash.nativeio.port;

import dev.odflash.nativeio.linux.Errno;
import dev.odflash.nativeio.linux.LinuxIo;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;
import dev.odflash.transport.lock.ProcLocks;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One writer per channel: an exclusive flock(2) on the PCI function's sysfs directory, held for the whole port run.
 * The port forms have no sg node to lock (and unbinding removes it), so the lock sits on the function that decodes
 * the channel; nothing is created, and the kernel drops the lock when the process dies.
 */
public final class FunctionLock implements AutoCloseable {
    private final LinuxIo io;
    private int fd;

    private FunctionLock(LinuxIo io, int fd) {
        this.io = io;
        this.fd = fd;
    }

    public static FunctionLock acquire(Path functionDir, LinuxIo io) throws TransportException {
        String dir = functionDir.toString();
        LinuxIo.Outcome o = io.open(dir, LinuxIo.O_RDONLY | LinuxIo.O_CLOEXEC);
        if (o.failed()) {
            throw new TransportException(Kind.OS_ERROR, dir + ": cannot open to lock the channel ("
                    + Errno.name(o.errno()) + ")", o.errno(), null);
        }
        LinuxIo.Outcome f = io.flock(o.rc(), LinuxIo.LOCK_EX | LinuxIo.LOCK_NB);
        if (f.failed()) {
            Optional<Long> owner = ProcLocks.FileId.of(functionDir).flatMap(id -> ProcLocks.owner("FLOCK", id));
            io.close(o.rc());
            throw new TransportException(f.errno() == Errno.EWOULDBLOCK ? Kind.BUSY : Kind.OS_ERROR,
                    "the IDE function " + functionDir.getFileName() + " is in use"
                            + owner.map(p -> " by PID " + p).orElse(" by another odflash") + " (one port run per function)",
                    f.errno(), null);
        }
        return new FunctionLock(io, o.rc());
    }

    @Override
    public void close() {
        if (fd >= 0) {
            io.close(fd);
            fd = -1;
        }
    }
}
