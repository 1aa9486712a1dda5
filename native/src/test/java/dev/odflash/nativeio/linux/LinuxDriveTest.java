package dev.odflash.nativeio.linux;

import dev.odflash.transport.ExclusiveUse;
import dev.odflash.nativeio.FakeSysfs;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinuxDriveTest {
    @TempDir
    Path sys;

    static final class ExclBusyKernel extends FakeKernel {
        int busyOnExcl;
        final java.util.List<String> paths = new java.util.ArrayList<>();

        @Override
        public Outcome open(String path, int flags) {
            paths.add(path);
            if ((flags & O_EXCL) != 0 && busyOnExcl-- > 0) {
                openFlags.add(flags);
                return new Outcome(-1, Errno.EBUSY);
            }
            return super.open(path, flags);
        }
    }

    private final ExclBusyKernel kernel = new ExclBusyKernel();

    private LinuxDrive open(String node) throws Exception {
        FakeSysfs fs = new FakeSysfs(sys);
        fs.device("pci0000:00/ata1/host0/target0:0:0", "0:0:0:0", 5, "QEMU", "QEMU DVD-ROM", "2.5+", "sg0", "sr0");
        return LinuxDrive.open(node, sys, kernel);
    }

    @Test
    void openingTakesAnFlockOnTheSgNodeReadOnlyWithoutFollowingLinks() throws Exception {
        try (LinuxDrive d = open("/dev/sr0")) {
            // the first open is the lock's: the drive's sg node (sysfs), not the sr node it was named by
            assertThat(kernel.paths.getFirst()).isEqualTo("/dev/sg0");
            assertThat(kernel.openFlags.getFirst()).isEqualTo(LinuxIo.O_RDONLY | LinuxIo.O_NOFOLLOW
                    | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC);
            assertThat(kernel.flocks).containsExactly(LinuxIo.LOCK_EX | LinuxIo.LOCK_NB);
            int before = kernel.closes;
            d.close();
            assertThat(kernel.closes).isEqualTo(before + 2); // the transport's descriptor and the lock's
        }
    }

    @Test
    void aHeldLockRefusesTheDriveAsBusyBeforeAnythingIsSent() {
        kernel.flockErrno = Errno.EWOULDBLOCK;
        assertThatThrownBy(() -> open("/dev/sg0")).isInstanceOf(TransportException.class)
                .hasMessageContaining("/dev/sg0 is in use by").hasMessageContaining("lock on /dev/sg0")
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY));
        assertThat(kernel.requests).isEmpty();
        assertThat(kernel.openFlags).hasSize(1); // the transport was never opened
        assertThat(kernel.closes).isEqualTo(1); // the lock's descriptor was given back
    }

    @Test
    void exclusiveUseOnTheSgNodeMovesTheLockOntoTheOExclDescriptorAndBack() throws Exception {
        try (LinuxDrive d = open("/dev/sg0")) {
            assertThat(d.pathKey()).isEqualTo("0:0:0:0");
            assertThat(d.sg().maxTransferLength()).isEqualTo(512 * 1024); // queue/max_sectors_kb
            assertThat(d.chipChannel()).isEmpty();
            assertThat(d.notes()).anyMatch(n -> n.contains("ATA port ata1"));
            int closes = kernel.closes;
            try (ExclusiveUse use = d.acquireExclusive()) {
                // sg refuses O_EXCL while another descriptor is open: the lock's went first (1), then the shared one (2)
                assertThat(kernel.closes).isEqualTo(closes + 2);
                assertThat(kernel.openFlags.getLast() & LinuxIo.O_EXCL).isEqualTo(LinuxIo.O_EXCL);
                assertThat(kernel.flocks).hasSize(2); // taken again, on the exclusive descriptor
                assertThat(use.describe()).isEqualTo("flock on /dev/sg0 and O_EXCL on /dev/sg0");
            }
            assertThat(kernel.openFlags.getLast()).isEqualTo(LinuxIo.O_RDONLY | LinuxIo.O_NOFOLLOW
                    | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC); // the lock's own descriptor again
            assertThat(kernel.flocks).hasSize(3);
        }
    }

    @Test
    void exclusiveUseOnTheSrNodeKeepsTheLockOnTheSgNode() throws Exception {
        try (LinuxDrive d = open("/dev/sr0")) {
            int closes = kernel.closes;
            try (ExclusiveUse use = d.acquireExclusive()) {
                assertThat(kernel.closes).isEqualTo(closes + 1); // only the shared sr descriptor
                assertThat(kernel.paths.getLast()).isEqualTo("/dev/sr0");
                assertThat(kernel.openFlags.getLast() & LinuxIo.O_EXCL).isEqualTo(LinuxIo.O_EXCL);
                assertThat(use.describe()).isEqualTo("flock on /dev/sg0 and O_EXCL on /dev/sr0");
            }
            assertThat(kernel.flocks).hasSize(1); // taken once, at open
        }
    }

    @Test
    void anotherProgramHoldingTheNodeMakesExclusiveUseBusy() throws Exception {
        try (LinuxDrive d = open("/dev/sg0")) {
            // the next O_EXCL open answers EBUSY, as sg does while another program has the node open
            kernel.busyOnExcl = 1;
            assertThatThrownBy(d::acquireExclusive).isInstanceOf(TransportException.class).hasMessageContaining("in use")
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY));
            assertThat(kernel.openFlags.getLast() & LinuxIo.O_EXCL).isZero(); // reopened shared
        }
    }
}
