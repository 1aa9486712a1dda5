package dev.odflash.nativeio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpticalDriveScanTest {
    @TempDir
    Path sys;

    @Test
    void findsOpticalDrivesWithNodesStringsAndBusPath() throws IOException {
        FakeSysfs fs = new FakeSysfs(sys);
        fs.device("pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0", "0:0:0:0", 5, "QEMU", "QEMU DVD-ROM", "2.5+",
                "sg0", "sr0");
        fs.device("pci0000:00/0000:00:1f.2/ata2/host1/target1:0:0", "1:0:0:0", 0, "ATA", "SOME DISK", "1.0",
                "sg1", "sda");
        fs.usbDevice("pci0000:00/0000:00:14.0/usb2/2-1", "152d", "0578", "JMicron", "USB to ATA/ATAPI Bridge");
        fs.device("pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0", "6:0:0:0", 5, "HL-DT-ST",
                "BD-RE  BH16NS40", "1.02", "sg2", "sr1");
        List<DiscoveredDrive> found = OpticalDriveScan.scan(sys);
        assertThat(found).hasSize(2);
        DiscoveredDrive ata = found.get(0);
        assertThat(ata.id()).isEqualTo("0:0:0:0");
        assertThat(ata.genericNode()).contains("/dev/sg0");
        assertThat(ata.blockNode()).contains("/dev/sr0");
        assertThat(ata.preferredNode()).isEqualTo("/dev/sg0");
        assertThat(ata.vendor()).isEqualTo("QEMU");
        assertThat(ata.product()).isEqualTo("QEMU DVD-ROM");
        assertThat(ata.revision()).isEqualTo("2.5+");
        assertThat(ata.bus().kind()).isEqualTo("ata");
        assertThat(ata.bus().description()).isEqualTo("ATA port ata1");
        assertThat(ata.maxTransfer()).isEqualTo(512 * 1024);
        DiscoveredDrive usb = found.get(1);
        assertThat(usb.bus().viaUsb()).isTrue();
        assertThat(usb.bus().description()).isEqualTo("via USB bridge 152d:0578 (JMicron USB to ATA/ATAPI Bridge)");
        assertThat(usb.bus().usbVendorId()).contains("152d");
        assertThat(usb.bus().usbProductId()).contains("0578");
    }

    @Test
    void aDriveWithoutSgNodeIsOpenedThroughSr() throws IOException {
        FakeSysfs fs = new FakeSysfs(sys);
        fs.device("platform/host3/target3:0:0", "3:0:0:0", 5, "TSSTcorp", "CDDVDW SH-S203B", "SB01", null, "sr0");
        DiscoveredDrive d = OpticalDriveScan.scan(sys).getFirst();
        assertThat(d.genericNode()).isEmpty();
        assertThat(d.preferredNode()).isEqualTo("/dev/sr0");
        assertThat(d.bus().description()).isEqualTo("SCSI host host3");
    }

    @Test
    void nodesMapBackToTheirDrive() throws IOException {
        FakeSysfs fs = new FakeSysfs(sys);
        fs.device("pci0000:00/ata1/host0/target0:0:0", "0:0:0:0", 5, "QEMU", "QEMU DVD-ROM", "2.5+", "sg0", "sr0");
        assertThat(OpticalDriveScan.forNode(sys, "/dev/sr0").orElseThrow().id()).isEqualTo("0:0:0:0");
        assertThat(OpticalDriveScan.forNode(sys, "/dev/sg0").orElseThrow().id()).isEqualTo("0:0:0:0");
        assertThat(OpticalDriveScan.forNode(sys, "/dev/sg7")).isEmpty();
    }

    @Test
    void noSysfsMeansNoDrives() {
        assertThat(OpticalDriveScan.scan(sys.resolve("missing"))).isEmpty();
    }
}
