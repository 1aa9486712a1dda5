package dev.odflash.nativeio.port;

import dev.odflash.nativeio.PortSpace;
import dev.odflash.nativeio.linux.Errno;
import dev.odflash.nativeio.linux.Libc;
import dev.odflash.nativeio.linux.LinuxIo;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;

/**
 * I/O ports through /dev/port: a one-byte pread or pwrite at offset = port is one inb or outb (drivers/char/mem.c,
 * read_port/write_port). Only the ports of one channel's task-file registers (command block + 1..7) and its
 * Device Control port are allowed; the data port (command block + 0) is never among them, because /dev/port
 * splits a 16-bit access into byte accesses of two different ports.
 */
public final class DevPort implements PortSpace {
    private final Libc libc;
    private final String path;
    private final Set<Integer> allowed;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment cell = arena.allocate(1);
    private int fd;

    private DevPort(Libc libc, String path, int fd, Set<Integer> allowed) {
        this.libc = libc;
        this.path = path;
        this.fd = fd;
        this.allowed = Set.copyOf(allowed);
    }

    /** Opens {@code path} (/dev/port; a regular file in tests) for the given ports only. */
    public static DevPort open(String path, int commandBase, int controlPort) throws TransportException {
        Libc libc = Libc.get();
        LinuxIo.Outcome o = libc.open(path, LinuxIo.O_RDWR | LinuxIo.O_NOFOLLOW | LinuxIo.O_CLOEXEC);
        if (o.failed()) {
            throw new TransportException(o.errno() == Errno.EPERM || o.errno() == Errno.EACCES ? Kind.PERMISSION
                    : Kind.OS_ERROR, path + ": cannot open (" + Errno.name(o.errno()) + "); port access needs root"
                    + " (CAP_SYS_RAWIO) and a kernel not in lockdown", o.errno(), null);
        }
        Set<Integer> ports = new java.util.HashSet<>();
        for (int r = 1; r <= 7; r++) {
            ports.add(commandBase + r);
        }
        ports.add(controlPort);
        return new DevPort(libc, path, o.rc(), ports);
    }

    private void check(int port) {
        if (!allowed.contains(port)) {
            throw new IllegalArgumentException(String.format("port 0x%X is not a task-file register of this channel", port));
        }
        if (fd < 0) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    @Override
    public int in(int port) throws TransportException {
        check(port);
        LinuxIo.Outcome o = libc.pread(fd, cell, port);
        if (o.rc() != 1) {
            throw new TransportException(Kind.OS_ERROR, String.format("%s: read of port 0x%X failed (%s)", path, port,
                    o.failed() ? Errno.name(o.errno()) : "short read"), o.errno(), null);
        }
        return cell.get(ValueLayout.JAVA_BYTE, 0) & 0xFF;
    }

    @Override
    public void out(int port, int value) throws TransportException {
        check(port);
        cell.set(ValueLayout.JAVA_BYTE, 0, (byte) value);
        LinuxIo.Outcome o = libc.pwrite(fd, cell, port);
        if (o.rc() != 1) {
            throw new TransportException(Kind.OS_ERROR, String.format("%s: write of port 0x%X failed (%s)", path, port,
                    o.failed() ? Errno.name(o.errno()) : "short write"), o.errno(), null);
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
            arena.close();
        }
    }
}
