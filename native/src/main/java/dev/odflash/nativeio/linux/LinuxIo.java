package dev.odflash.nativeio.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The system calls the SG_IO path and the drive lock make. {@link Libc} calls the C library through FFM; tests
 * give a fake that plays the kernel, so errno and status mapping is tested without a drive.
 */
public interface LinuxIo {
    /** open(2) flags (asm-generic/fcntl.h; the same on x86-64 and arm64). */
    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_EXCL = 0200;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;
    /**
     * O_NOFOLLOW differs by architecture: 0400000 in asm-generic/fcntl.h (x86-64, riscv), 0100000 where
     * the arch header overrides it (arm64, arm, powerpc: arch/&lt;arch&gt;/include/uapi/asm/fcntl.h).
     */
    int O_NOFOLLOW = switch (System.getProperty("os.arch", "")) {
        case "aarch64", "arm", "ppc64", "ppc64le" -> 0100000;
        default -> 0400000;
    };
    /** flock(2) operations (sys/file.h). */
    int LOCK_EX = 2;
    int LOCK_NB = 4;
    int LOCK_UN = 8;

    /** A return value and the errno captured right after the call (0 when rc >= 0). */
    record Outcome(int rc, int errno) {
        public boolean failed() {
            return rc < 0;
        }
    }

    Outcome open(String path, int flags);

    Outcome ioctl(int fd, long request, MemorySegment argument);

    /**
     * ioctl(2) with errno captured in {@code errnoState}, a block {@link #errnoState} made: for a caller that
     * issues many ioctls from one thread (SgTransport, once a command) and keeps its own block, so the call
     * needs no per-thread lookup. A fake that plays the kernel has no errno to capture and ignores it.
     */
    default Outcome ioctl(int fd, long request, MemorySegment argument, MemorySegment errnoState) {
        return ioctl(fd, request, argument);
    }

    /** A block for {@link #ioctl(int, long, MemorySegment, MemorySegment)}'s errno, freed with {@code arena}. */
    default MemorySegment errnoState(Arena arena) {
        return MemorySegment.NULL;
    }

    /** flock(2): an advisory lock on the open file description behind {@code fd}. */
    Outcome flock(int fd, int operation);

    void close(int fd);
}
