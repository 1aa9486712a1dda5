package dev.odflash.nativeio.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * open / ioctl / flock / close from the C library through FFM (restricted methods: only this module calls
 * them). Both open(2) and ioctl(2) are variadic in C, so their descriptors mark where the variadic part
 * starts; errno is captured by the linker right after the call, before the JVM can overwrite it
 * (docs/build-notes.md §2).
 */
public final class Libc implements LinuxIo {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /**
     * Where the linker leaves errno, one block a thread for ioctl: SG_IO runs once a command, and a fresh
     * arena for those few bytes on every call was a measurable part of a TEST UNIT READY round trip. A
     * thread's block is only ever used by that thread, one call at a time; the GC frees it with the thread.
     */
    private static final ThreadLocal<MemorySegment> IOCTL_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    private static volatile Libc instance;

    private final MethodHandle open;
    private final MethodHandle ioctl;
    private final MethodHandle flock;
    private final MethodHandle close;
    private final MethodHandle pread;
    private final MethodHandle pwrite;

    private Libc() {
        var lookup = LINKER.defaultLookup();
        // int open(const char *path, int flags, ...): no mode argument (no O_CREAT), so the variadic part is empty
        open = LINKER.downcallHandle(lookup.find("open").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2), ERRNO);
        // int ioctl(int fd, unsigned long request, ...): the pointer argument is variadic
        ioctl = LINKER.downcallHandle(lookup.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2), ERRNO);
        // int flock(int fd, int operation)
        flock = LINKER.downcallHandle(lookup.find("flock").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
        close = LINKER.downcallHandle(lookup.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        // ssize_t pread(int fd, void *buf, size_t count, off_t offset) and pwrite: the port path's one-byte accesses
        // to /dev/port, where the offset is the I/O port (drivers/char/mem.c)
        pread = LINKER.downcallHandle(lookup.find("pread").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), ERRNO);
        pwrite = LINKER.downcallHandle(lookup.find("pwrite").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), ERRNO);
    }

    public static Libc get() {
        Libc l = instance;
        if (l == null) {
            l = new Libc();
            instance = l;
        }
        return l;
    }

    @Override
    public Outcome open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) open.invokeExact(state, arena.allocateFrom(path), flags);
            return new Outcome(rc, rc < 0 ? (int) ERRNO_VALUE.get(state, 0L) : 0);
        } catch (Throwable t) {
            throw new IllegalStateException("open(" + path + ") downcall failed", t);
        }
    }

    @Override
    public Outcome ioctl(int fd, long request, MemorySegment argument) {
        return ioctl(fd, request, argument, IOCTL_STATE.get());
    }

    @Override
    public Outcome ioctl(int fd, long request, MemorySegment argument, MemorySegment errnoState) {
        try {
            int rc = (int) ioctl.invokeExact(errnoState, fd, request, argument);
            return new Outcome(rc, rc < 0 ? (int) ERRNO_VALUE.get(errnoState, 0L) : 0);
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl downcall failed", t);
        }
    }

    /** The linker's capture block (captureStateLayout), one errno's worth, in {@code arena}. */
    @Override
    public MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    @Override
    public Outcome flock(int fd, int operation) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) flock.invokeExact(state, fd, operation);
            return new Outcome(rc, rc < 0 ? (int) ERRNO_VALUE.get(state, 0L) : 0);
        } catch (Throwable t) {
            throw new IllegalStateException("flock downcall failed", t);
        }
    }

    @Override
    public void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall failed", t);
        }
    }

    /** pread(2) of {@code buffer.byteSize()} bytes at {@code offset}; rc is the byte count or -1. */
    public Outcome pread(int fd, MemorySegment buffer, long offset) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long rc = (long) pread.invokeExact(state, fd, buffer, buffer.byteSize(), offset);
            return new Outcome((int) rc, rc < 0 ? (int) ERRNO_VALUE.get(state, 0L) : 0);
        } catch (Throwable t) {
            throw new IllegalStateException("pread downcall failed", t);
        }
    }

    /** pwrite(2) of {@code buffer.byteSize()} bytes at {@code offset}; rc is the byte count or -1. */
    public Outcome pwrite(int fd, MemorySegment buffer, long offset) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long rc = (long) pwrite.invokeExact(state, fd, buffer, buffer.byteSize(), offset);
            return new Outcome((int) rc, rc < 0 ? (int) ERRNO_VALUE.get(state, 0L) : 0);
        } catch (Throwable t) {
            throw new IllegalStateException("pwrite downcall failed", t);
        }
    }
}
