package dev.odflash.nativeio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortFormTest {
    @TempDir
    Path root;
    List<IdeChannel> channels;

    @BeforeEach
    void tree() throws IOException {
        FakeIdeSysfs fake = new FakeIdeSysfs(root);
        fake.piix("0000:00:01.1");
        fake.ataPort("0000:00:01.1", 1, 1);
        fake.ataPort("0000:00:01.1", 2, 2);
        fake.device("0000:00:01.1", 2, 1, 0, 5, "QEMU", "QEMU DVD-ROM", "sg1", "sr0");
        fake.function("0000:00:1f.2", 0x010185, "ata_piix",
                "0x000000000000d000 0x000000000000d007 0x0000000000040101",
                "0x000000000000d100 0x000000000000d103 0x0000000000040101");
        channels = IdeChannelScan.scan(fake.sys());
    }

    @Test
    void aListedNodeResolvesToItsChannelAndPosition() throws Exception {
        PortForm.Resolved r = PortForm.resolve("port:/dev/sg1", channels);
        assertThat(r.channel().commandBase()).isEqualTo(0x170);
        assertThat(r.positionName()).isEqualTo("master");
        assertThat(r.listed()).isPresent();
        assertThat(PortForm.resolve("port:/dev/sr0", channels).channel().commandBase()).isEqualTo(0x170);
        assertThat(r.describe()).contains("0000:00:01.1 secondary channel (0x170/0x376)").contains("bound to ata_piix");
    }

    @Test
    void mtkflashNumbersNameTheLegacyPositions() throws Exception {
        assertThat(PortForm.resolve("port:1", channels).channel().commandBase()).isEqualTo(0x1F0);
        assertThat(PortForm.resolve("port:2", channels).positionName()).isEqualTo("slave");
        assertThat(PortForm.resolve("port:4", channels).channel().commandBase()).isEqualTo(0x170);
        assertThat(PortForm.resolve("port:4", channels).listed()).isEmpty();
    }

    @Test
    void aNumberedFormWhereTheKernelListsADriveIsRefusedNamingItsNode() {
        assertThatThrownBy(() -> PortForm.resolve("port:3", channels)).isInstanceOf(PortForm.Unresolved.class)
                .hasMessageContaining("name it port:/dev/sg1");
    }

    @Test
    void aBaseFormMustBeAScannedChannel() throws Exception {
        assertThat(PortForm.resolve("port:0xD000:slave", channels).channel().function()).isEqualTo("0000:00:1f.2");
        assertThatThrownBy(() -> PortForm.resolve("port:0x378:master", channels)).hasMessageContaining(
                "0x378 is not the command block of an IDE channel").hasMessageContaining("0x1F0, 0x170, 0xD000");
        assertThatThrownBy(() -> PortForm.resolve("port:0xD001:master", channels)).isInstanceOf(PortForm.Unresolved.class);
    }

    @Test
    void otherShapesAndUnlistedNodesAreRefused() {
        for (String bad : List.of("port:0", "port:5", "port:0x1f0", "port:/dev/sda", "port:0x1f0:both", "port:")) {
            assertThatThrownBy(() -> PortForm.resolve(bad, channels)).as(bad).isInstanceOf(PortForm.Unresolved.class)
                    .hasMessageContaining("port form");
        }
        assertThatThrownBy(() -> PortForm.resolve("port:/dev/sg7", channels)).hasMessageContaining("not on an IDE channel");
    }

    @Test
    void withoutALegacyFunctionTheNumberedFormsResolveToNothing() throws IOException {
        Path other = root.resolve("other");
        FakeIdeSysfs fake = new FakeIdeSysfs(other);
        assertThatThrownBy(() -> PortForm.resolve("port:1", IdeChannelScan.scan(fake.sys())))
                .hasMessageContaining("no IDE function in compatibility mode");
    }
}
