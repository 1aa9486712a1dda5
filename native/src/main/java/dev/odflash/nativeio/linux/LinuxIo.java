package dev.odflash.nativeio.linux;

import java.lang.foreign.MemorySegment;

/**
 * The three system calls the SG_IO path makes. {@link Libc} calls the C library through FFM; tests
 * give a fake that plays the kernel, so errno and status mapping is tested without a drive.
 */
public interface LinuxIo {
    /** open(2) flags (asm-generic/fcntl.h; the same on x86-64 and arm64). */
    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_EXCL = 0200;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;

    /** A return value and the errno captured right after the call (0 when rc >= 0). */
    record Outcome(int rc, int errno) {
        public boolean failed() {
            return rc < 0;
        }
    }

    Outcome open(String path, int flags);

    Outcome ioctl(int fd, long request, MemorySegment argument);

    void close(int fd);
}
