package dev.odflash.nativeio.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** The real C library: an ioctl given its own errno block reports errno from that block, not another's. */
@EnabledOnOs(OS.LINUX)
class LibcErrnoStateTest {
    @Test
    void errnoLandsInTheBlockTheCallWasGiven() {
        Libc libc = Libc.get();
        LinuxIo.Outcome devNull = libc.open("/dev/null", LinuxIo.O_RDONLY | LinuxIo.O_CLOEXEC);
        assertThat(devNull.failed()).isFalse();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = libc.errnoState(arena);
            MemorySegment b = libc.errnoState(arena);
            MemorySegment arg = arena.allocate(4);
            // /dev/null is no SG_IO device (ENOTTY); descriptor -1 is no descriptor (EBADF)
            LinuxIo.Outcome notTty = libc.ioctl(devNull.rc(), SgTransport.SG_GET_VERSION_NUM, arg, a);
            LinuxIo.Outcome badFd = libc.ioctl(-1, SgTransport.SG_GET_VERSION_NUM, arg, b);
            assertThat(notTty.errno()).isEqualTo(Errno.ENOTTY);
            assertThat(badFd.errno()).isEqualTo(Errno.EBADF);
            // each block still holds its own call's errno (the capture layout's first int is errno on Linux)
            assertThat(a.get(java.lang.foreign.ValueLayout.JAVA_INT, 0)).isEqualTo(Errno.ENOTTY);
            assertThat(b.get(java.lang.foreign.ValueLayout.JAVA_INT, 0)).isEqualTo(Errno.EBADF);
        } finally {
            libc.close(devNull.rc());
        }
    }
}
