package dev.odflash.nativeio.linux;

import dev.odflash.nativeio.DeviceLock;
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
    @TempDir
    Path locks;

    static final class ExclBusyKernel extends FakeKernel {
        int busyOnExcl;

        @Override
        public Outcome open(String path, int flags) {
            if ((flags & O_EXCL) != 0 && busyOnExcl-- > 0) {
                openFlags.add(flags);
                return new Outcome(-1, Errno.EBUSY);
            }
            return super.open(path, flags);
        }
    }

    private final ExclBusyKernel kernel = new ExclBusyKernel();

    private LinuxDrive open() throws Exception {
        FakeSysfs fs = new FakeSysfs(sys);
        fs.device("pci0000:00/ata1/host0/target0:0:0", "0:0:0:0", 5, "QEMU", "QEMU DVD-ROM", "2.5+", "sg0", "sr0");
        return LinuxDrive.open("/dev/sg0", sys, locks, kernel);
    }

    @Test
    void exclusiveUseTakesTheLockAndReopensWithOExcl() throws Exception {
        try (LinuxDrive d = open()) {
            assertThat(d.pathKey()).isEqualTo("0:0:0:0");
            assertThat(d.sg().maxTransferLength()).isEqualTo(512 * 1024); // queue/max_sectors_kb
            assertThat(d.chipChannel()).isEmpty();
            assertThat(d.notes()).anyMatch(n -> n.contains("ATA port ata1"));
            try (ExclusiveUse use = d.acquireExclusive()) {
                assertThat(kernel.openFlags.getLast() & LinuxIo.O_EXCL).isEqualTo(LinuxIo.O_EXCL);
                assertThat(use.describe()).contains("odflash-0_0_0_0.lock").contains("O_EXCL on /dev/sg0");
                assertThatThrownBy(() -> DeviceLock.acquire(locks, "0:0:0:0", "/dev/sr0"))
                        .hasMessageContaining("in use by PID " + ProcessHandle.current().pid());
            }
            assertThat(kernel.openFlags.getLast() & LinuxIo.O_EXCL).isZero();
            DeviceLock.acquire(locks, "0:0:0:0", "/dev/sr0").close(); // released
        }
    }

    @Test
    void anotherProgramHoldingTheNodeMakesExclusiveUseBusy() throws Exception {
        try (LinuxDrive d = open()) {
            // the next O_EXCL open answers EBUSY, as sg does while another program has the node open
            kernel.busyOnExcl = 1;
            assertThatThrownBy(d::acquireExclusive).isInstanceOf(TransportException.class).hasMessageContaining("in use")
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.BUSY));
            DeviceLock.acquire(locks, "0:0:0:0", "/dev/sg0").close(); // the lock was given back
            assertThat(kernel.openFlags.getLast() & LinuxIo.O_EXCL).isZero(); // reopened shared
        }
    }
}
