package dev.odflash.nativeio.linux;

import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drive lock through the real C library, on a regular file standing in for an sg node. */
@EnabledOnOs(OS.LINUX)
class SgNodeLockTest {
    @TempDir
    Path dir;

    private Path node() throws Exception {
        return Files.write(dir.resolve("sg9"), new byte[0]);
    }

    private static TransportException busy(Path node) {
        try {
            SgNodeLock.acquire("/dev/sr9", node.toString(), Libc.get()).close();
        } catch (TransportException e) {
            return e;
        }
        throw new AssertionError("the second lock was granted");
    }

    @Test
    void aSecondTakerInThisProcessIsRefusedWithOurPidUntilTheFirstCloses() throws Exception {
        Path node = node();
        try (SgNodeLock held = SgNodeLock.acquire("/dev/sg9", node.toString(), Libc.get())) {
            TransportException e = busy(node);
            assertThat(e.kind()).isEqualTo(TransportException.Kind.BUSY);
            assertThat(e.getMessage()).contains("/dev/sr9 is in use by PID " + ProcessHandle.current().pid())
                    .contains("lock on " + node);
        }
        SgNodeLock.acquire("/dev/sg9", node.toString(), Libc.get()).close(); // given back at close
        assertThat(Files.size(node)).isZero(); // read-only: nothing written, nothing created
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(node);
        }
    }

    @Test
    void anotherProcessHoldingTheFlockIsNamedByItsPidFromProcLocks() throws Exception {
        Path node = node();
        // --close: sleep does not inherit the descriptor, so killing flock(1) ends the lock
        Process holder = new ProcessBuilder("flock", "--exclusive", "--close", node.toString(), "sleep", "60").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            TransportException e = null;
            while (System.nanoTime() < deadline) { // until flock(1) has taken the lock
                try {
                    SgNodeLock.acquire("/dev/sg9", node.toString(), Libc.get()).close();
                    Thread.sleep(50);
                } catch (TransportException t) {
                    e = t;
                    break;
                }
            }
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(TransportException.Kind.BUSY);
            assertThat(e.getMessage()).contains("in use by PID " + holder.pid());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        SgNodeLock.acquire("/dev/sg9", node.toString(), Libc.get()).close(); // the kernel dropped it with the process
    }

    /** The C library, except that open answers EBUSY: what sg answers while a flashing odflash holds the node O_EXCL. */
    private static final class ExclusivelyHeld implements LinuxIo {
        @Override
        public Outcome open(String path, int flags) {
            return new Outcome(-1, Errno.EBUSY);
        }

        @Override
        public Outcome ioctl(int fd, long request, java.lang.foreign.MemorySegment argument) {
            return Libc.get().ioctl(fd, request, argument);
        }

        @Override
        public Outcome flock(int fd, int operation) {
            return Libc.get().flock(fd, operation);
        }

        @Override
        public void close(int fd) {
            Libc.get().close(fd);
        }
    }

    @Test
    void aNodeHeldOExclByAFlashingOdflashNamesItsPidByThePath() throws Exception {
        Path node = node();
        try (SgNodeLock held = SgNodeLock.acquire("/dev/sg9", node.toString(), Libc.get())) {
            assertThatThrownBy(() -> SgNodeLock.acquire("/dev/sr9", node.toString(), new ExclusivelyHeld()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("/dev/sr9 is in use by PID " + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY));
        }
        // nobody holds the flock: EBUSY is another program's O_EXCL, reported as the open's error
        assertThatThrownBy(() -> SgNodeLock.acquire("/dev/sr9", node.toString(), new ExclusivelyHeld()))
                .hasMessageContaining("in use by another program")
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY));
    }

    @Test
    void aLinkWhereTheNodeShouldBeIsRefusedNotFollowed() throws Exception {
        Path target = Files.write(dir.resolve("root-only"), new byte[] {1, 2, 3});
        Path link = Files.createSymbolicLink(dir.resolve("sg8"), target);
        assertThatThrownBy(() -> SgNodeLock.acquire("/dev/sg8", link.toString(), Libc.get()))
                .isInstanceOf(TransportException.class).hasMessageContaining("symbolic link");
        // the target could still be locked: nothing took it through the link
        SgNodeLock.acquire("/dev/sg9", target.toString(), Libc.get()).close();
    }

    @Test
    void aFifoWhereTheNodeShouldBeDoesNotHang() throws Exception {
        Path fifo = dir.resolve("sg7");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        long start = System.nanoTime();
        // O_NONBLOCK: a read-only open of a FIFO returns at once instead of waiting for a writer
        SgNodeLock.acquire("/dev/sg7", fifo.toString(), Libc.get()).close();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }
}
