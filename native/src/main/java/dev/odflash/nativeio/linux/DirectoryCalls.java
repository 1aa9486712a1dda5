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

/**
 * The directory-descriptor calls the data home needs under sudo: openat, mkdirat, fchown, fchownat, close,
 * geteuid (C library through FFM; errno captured right after each call, as {@link Libc} does). uid_t,
 * gid_t and mode_t are 32-bit unsigned on Linux (x86-64, arm64), passed as Java ints.
 */
final class DirectoryCalls {
    /** openat(2) flags and fchownat(2) flags (asm-generic/fcntl.h; O_DIRECTORY is per architecture). */
    static final int O_RDONLY = 0;
    static final int O_DIRECTORY = switch (System.getProperty("os.arch", "")) {
        case "aarch64", "arm", "ppc64", "ppc64le" -> 040000;
        default -> 0200000;
    };
    static final int O_NOFOLLOW = LinuxIo.O_NOFOLLOW;
    static final int O_CLOEXEC = LinuxIo.O_CLOEXEC;
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int EEXIST = 17;
    static final int ELOOP = 40;
    static final int ENOTDIR = 20;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static volatile DirectoryCalls instance;

    private final MethodHandle openat;
    private final MethodHandle mkdirat;
    private final MethodHandle fchown;
    private final MethodHandle fchownat;
    private final MethodHandle close;
    private final MethodHandle geteuid;

    private DirectoryCalls() {
        var lookup = LINKER.defaultLookup();
        // int openat(int dirfd, const char *path, int flags, ...): no O_CREAT, so no mode: the variadic part is empty
        openat = LINKER.downcallHandle(lookup.find("openat").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(3), ERRNO);
        // int mkdirat(int dirfd, const char *path, mode_t mode)
        mkdirat = LINKER.downcallHandle(lookup.find("mkdirat").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
        // int fchown(int fd, uid_t owner, gid_t group)
        fchown = LINKER.downcallHandle(lookup.find("fchown").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
        // int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
        fchownat = LINKER.downcallHandle(lookup.find("fchownat").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
        close = LINKER.downcallHandle(lookup.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        geteuid = LINKER.downcallHandle(lookup.find("geteuid").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
    }

    static DirectoryCalls get() {
        DirectoryCalls c = instance;
        if (c == null) {
            c = new DirectoryCalls();
            instance = c;
        }
        return c;
    }

    LinuxIo.Outcome openat(int dirfd, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) openat.invokeExact(state, dirfd, arena.allocateFrom(path), flags);
            return outcome(rc, state);
        } catch (Throwable t) {
            throw new IllegalStateException("openat downcall failed", t);
        }
    }

    LinuxIo.Outcome mkdirat(int dirfd, String name, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) mkdirat.invokeExact(state, dirfd, arena.allocateFrom(name), mode);
            return outcome(rc, state);
        } catch (Throwable t) {
            throw new IllegalStateException("mkdirat downcall failed", t);
        }
    }

    LinuxIo.Outcome fchown(int fd, int uid, int gid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) fchown.invokeExact(state, fd, uid, gid);
            return outcome(rc, state);
        } catch (Throwable t) {
            throw new IllegalStateException("fchown downcall failed", t);
        }
    }

    LinuxIo.Outcome fchownat(int dirfd, String name, int uid, int gid, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) fchownat.invokeExact(state, dirfd, arena.allocateFrom(name), uid, gid, flags);
            return outcome(rc, state);
        } catch (Throwable t) {
            throw new IllegalStateException("fchownat downcall failed", t);
        }
    }

    void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall failed", t);
        }
    }

    int geteuid() {
        try {
            return (int) geteuid.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("geteuid downcall failed", t);
        }
    }

    private static LinuxIo.Outcome outcome(int rc, MemorySegment state) {
        return new LinuxIo.Outcome(rc, rc < 0 ? (int) ERRNO_VALUE.get(state, 0L) : 0);
    }
}
