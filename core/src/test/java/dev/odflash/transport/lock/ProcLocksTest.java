package dev.odflash.transport.lock;

import dev.odflash.transport.lock.ProcLocks.FileId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcLocksTest {
    /** A table as Linux 6.x prints it: flock, POSIX, OFD (PID -1) and a blocked waiter. */
    static final String TABLE = """
            1: FLOCK  ADVISORY  WRITE 4242 00:05:1053 0 EOF
            1: -> FLOCK  ADVISORY  WRITE 5151 00:05:1053 0 EOF
            2: POSIX  ADVISORY  WRITE 10856 fe:00:2147027 0 EOF
            3: OFDLCK ADVISORY  READ  -1 08:01:77 0 EOF
            4: FLOCK  ADVISORY  WRITE 999 103:02:1053 0 EOF
            garbage line
            """;

    @Test
    void parsesHeldLocksAndSkipsWaitersAndGarbage() {
        assertThat(ProcLocks.parse(TABLE)).containsExactly(
                new ProcLocks.Entry("FLOCK", 4242, 0, 5, 1053),
                new ProcLocks.Entry("POSIX", 10856, 0xfe, 0, 2147027),
                new ProcLocks.Entry("OFDLCK", -1, 8, 1, 77),
                new ProcLocks.Entry("FLOCK", 999, 0x103, 2, 1053));
    }

    @Test
    void theOwnerMatchesKindDeviceAndInode() {
        assertThat(ProcLocks.owner(TABLE, "FLOCK", new FileId(0, 5, 1053))).contains(4242L); // not the waiter 5151
        assertThat(ProcLocks.owner(TABLE, "FLOCK", new FileId(0x103, 2, 1053))).contains(999L); // same inode, other device
        assertThat(ProcLocks.owner(TABLE, "POSIX", new FileId(0xfe, 0, 2147027))).contains(10856L);
        assertThat(ProcLocks.owner(TABLE, "FLOCK", new FileId(0xfe, 0, 2147027))).isEmpty(); // a POSIX lock only
        assertThat(ProcLocks.owner(TABLE, "OFDLCK", new FileId(8, 1, 77))).isEmpty(); // OFD locks name no PID
    }

    @Test
    void stDevSplitsAsGlibcDoes() {
        assertThat(ProcLocks.FileId.of(0xfe00, 7)).isEqualTo(new FileId(0xfe, 0, 7));
        assertThat(ProcLocks.FileId.of(0x801, 7)).isEqualTo(new FileId(8, 1, 7));
        // a large minor: makedev(259, 300) = 0x10312C in the new encoding
        long dev = (300 & 0xff) | ((259L & 0xfff) << 8) | ((300L & ~0xffL) << 12);
        assertThat(ProcLocks.FileId.of(dev, 7)).isEqualTo(new FileId(259, 300, 7));
    }
}
