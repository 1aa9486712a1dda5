package dev.odflash.nativeio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdeChannelScanTest {
    @TempDir
    Path root;

    @Test
    void aCompatibilityModeFunctionHasBothLegacyChannelsAndItsDrivesByPortNumberAndTarget() throws IOException {
        FakeIdeSysfs fake = new FakeIdeSysfs(root);
        fake.piix("0000:00:01.1");
        fake.ataPort("0000:00:01.1", 7, 1);
        fake.ataPort("0000:00:01.1", 8, 2);
        fake.device("0000:00:01.1", 8, 1, 0, 5, "QEMU", "QEMU DVD-ROM", "sg1", "sr0");
        fake.device("0000:00:01.1", 8, 1, 1, 0, "ATA", "QEMU HARDDISK", "sg2", "sda", "sda1");
        List<IdeChannel> channels = IdeChannelScan.scan(fake.sys());
        assertThat(channels).hasSize(2);
        IdeChannel primary = channels.get(0);
        IdeChannel secondary = channels.get(1);
        assertThat(primary.commandBase()).isEqualTo(0x1F0);
        assertThat(primary.controlPort()).isEqualTo(0x3F6);
        assertThat(primary.legacy()).isTrue();
        assertThat(primary.drives()).isEmpty();
        assertThat(secondary.commandBase()).isEqualTo(0x170);
        assertThat(secondary.controlPort()).isEqualTo(0x376);
        assertThat(secondary.driver()).contains("ata_piix");
        assertThat(secondary.drives()).extracting(IdeDrive::positionName).containsExactly("master", "slave");
        IdeDrive cd = secondary.at(0).orElseThrow();
        assertThat(cd.genericNode()).contains("/dev/sg1");
        assertThat(cd.blockNode()).contains("/dev/sr0");
        assertThat(cd.model()).isEqualTo("QEMU DVD-ROM");
        assertThat(cd.ataPort()).isEqualTo("ata8");
        assertThat(secondary.at(1).orElseThrow().partitions()).containsExactly("sda1");
    }

    @Test
    void aNativeModeChannelTakesItsPortsFromTheIoBarsAndTheControlRegisterAtBasePlusTwo() throws IOException {
        FakeIdeSysfs fake = new FakeIdeSysfs(root);
        // prog-if 0x85: both channels native; BAR0-3 I/O (flag 0x101), BAR4 bus master
        fake.function("0000:00:1f.2", 0x010185, "ata_piix",
                "0x000000000000d000 0x000000000000d007 0x0000000000040101",
                "0x000000000000d100 0x000000000000d103 0x0000000000040101",
                "0x000000000000d200 0x000000000000d207 0x0000000000040101",
                "0x000000000000d300 0x000000000000d303 0x0000000000040101");
        List<IdeChannel> channels = IdeChannelScan.scan(fake.sys());
        assertThat(channels).extracting(IdeChannel::commandBase).containsExactly(0xD000, 0xD200);
        assertThat(channels).extracting(IdeChannel::controlPort).containsExactly(0xD102, 0xD302);
        assertThat(channels).noneMatch(IdeChannel::legacy);
    }

    @Test
    void aNativeChannelWhoseBarIsMemoryOrTooSmallIsLeftOut() throws IOException {
        FakeIdeSysfs fake = new FakeIdeSysfs(root);
        fake.function("0000:00:1f.2", 0x010105, null,
                "0x00000000fe000000 0x00000000fe000007 0x0000000000040200", // memory BAR
                "0x000000000000d100 0x000000000000d103 0x0000000000040101",
                "0x000000000000d200 0x000000000000d203 0x0000000000040101", // 4 ports: too small for a command block
                "0x000000000000d300 0x000000000000d303 0x0000000000040101");
        assertThat(IdeChannelScan.scan(fake.sys())).isEmpty();
    }

    @Test
    void ahciAndOtherClassesAreNotIdeChannels() throws IOException {
        FakeIdeSysfs fake = new FakeIdeSysfs(root);
        fake.function("0000:00:1f.2", 0x010601, "ahci");
        fake.function("0000:00:02.0", 0x030000, "bochs-drm");
        assertThat(IdeChannelScan.scan(fake.sys())).isEmpty();
    }

    @Test
    void portAccessNeedsRawIoDevPortAndNoLockdown() throws IOException {
        FakeIdeSysfs fake = new FakeIdeSysfs(root);
        assertThat(PortAccessCheck.of(fake.proc(), fake.sys(), fake.devPort()).ready()).isTrue();
        fake.capabilities("0000000000000000", 1000);
        fake.lockdown("none [integrity] confidentiality\n");
        java.nio.file.Files.delete(fake.devPort());
        PortAccess a = PortAccessCheck.of(fake.proc(), fake.sys(), fake.devPort());
        assertThat(a.ready()).isFalse();
        assertThat(a.why()).contains("not held (effective uid 1000)").contains("/dev/port: missing")
                .contains("lockdown is 'integrity'");
        java.nio.file.Files.delete(fake.sys().resolve("kernel/security/lockdown")); // securityfs not mounted
        assertThat(PortAccessCheck.of(fake.proc(), fake.sys(), fake.devPort()).checks().get(2).detail())
                .contains("cannot tell");
        fake.capabilities("0000000000020000", 1000); // CAP_SYS_RAWIO alone is enough
        assertThat(PortAccessCheck.of(fake.proc(), fake.sys(), fake.devPort()).checks().getFirst().ok()).isTrue();
    }
}
