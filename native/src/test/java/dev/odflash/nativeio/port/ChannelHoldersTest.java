package dev.odflash.nativeio.port;

import dev.odflash.nativeio.FakeIdeSysfs;
import dev.odflash.nativeio.IdeChannelScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelHoldersTest {
    static final String FN = "0000:00:01.1";
    @TempDir
    Path root;
    FakeIdeSysfs fake;

    @BeforeEach
    void tree() throws IOException {
        fake = new FakeIdeSysfs(root);
        fake.piix(FN);
        fake.ataPort(FN, 1, 1);
        fake.ataPort(FN, 2, 2);
        fake.device(FN, 2, 1, 0, 5, "QEMU", "QEMU DVD-ROM", "sg1", "sr0");
        fake.device(FN, 1, 0, 0, 0, "ATA", "QEMU HARDDISK", "sg0", "sda", "sda1", "sda2");
    }

    private List<String> reasons() {
        return ChannelHolders.reasons(IdeChannelScan.channelsOf(fake.sys(), FN), fake.sys(), fake.proc());
    }

    @Test
    void unusedDevicesGiveNoReason() {
        assertThat(reasons()).isEmpty();
    }

    @Test
    void aRawDiskHeldOpenOnTheOtherChannelIsAReason() throws IOException {
        fake.openBy(4242, "sleep", "/dev/sda");
        assertThat(reasons()).singleElement().asString().contains("/dev/sda is open in process 4242 (sleep)");
    }

    @Test
    void anOpenSgNodeOrPartitionIsAReason() throws IOException {
        fake.openBy(17, "cdrecord", "/dev/sg1");
        fake.openBy(18, "dd", "/dev/sda2");
        assertThat(reasons()).hasSize(2).anyMatch(r -> r.contains("/dev/sg1 is open in process 17"))
                .anyMatch(r -> r.contains("/dev/sda2 is open in process 18"));
    }

    @Test
    void aMountedPartitionIsAReason() throws IOException {
        fake.mountinfo("22 1 0:21 / / rw - tmpfs tmpfs rw\n31 22 8:1 / /mnt/data rw,relatime - ext4 /dev/sda1 rw\n");
        assertThat(reasons()).singleElement().asString().isEqualTo("/dev/sda1 is mounted on /mnt/data");
    }

    @Test
    void aSwapAreaIsAReason() throws IOException {
        fake.swaps("/dev/sda2\tpartition\t1048572\t0\t-2");
        assertThat(reasons()).singleElement().asString().contains("/dev/sda2 is a swap area");
    }

    @Test
    void anMdOrDmHolderIsAReason() throws IOException {
        Files.createDirectories(fake.sys().resolve("class/block/sda1/holders/md0"));
        assertThat(reasons()).singleElement().asString().contains("/dev/sda1 is held by md0");
    }

    @Test
    void aProcessWhoseFilesCannotBeReadIsAReason() throws IOException {
        Path fd = fake.proc().resolve("99/fd");
        Files.createDirectories(fd);
        fd.toFile().setReadable(false);
        fd.toFile().setExecutable(false);
        try {
            if (Files.isReadable(fd)) {
                return; // running as root: the directory stays readable, nothing to show
            }
            assertThat(reasons()).singleElement().asString().contains("cannot read the open files of process 99");
        } finally {
            fd.toFile().setReadable(true);
            fd.toFile().setExecutable(true);
        }
    }

    @Test
    void devicesOfOtherFunctionsDoNotCount() throws IOException {
        fake.openBy(5, "x", "/dev/sdb");
        assertThat(reasons()).isEmpty();
    }
}
