package dev.odflash.emulator.firmware;

import dev.odflash.drive.ImageLayout;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageReport;
import dev.odflash.family.ImageIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The identifier in core accepts every synthetic image and reads back the identity it was made with. */
class GeneratedImagesIdentifyTest {
    @Test
    void everyVersionAndSizeIsFlashableWithItsIdentity() {
        for (String[] names : new String[][]{{"ASUS", "CRW-5224A"}, {"LITE-ON", "LTR-52246S"}}) {
            for (int size : Mtk8051Firmware.SIZES) {
                for (String version : Mtk8051Firmware.VERSIONS) {
                    byte[] image = Mtk8051Firmware.generate(names[0], names[1], version, size);
                    ImageReport report = ImageIdentifier.identify(image);
                    String what = names[0] + " " + version + " " + size;
                    assertThat(report.flashable()).as(what + ": " + report.failures()).isTrue();
                    assertThat(report.warnings()).as(what).isEmpty();
                    assertThat(report.layout()).contains(ImageLayout.MTK8051);
                    assertThat(report.banks()).isEqualTo(size / 0x10000);
                    assertThat(report.identity()).contains(new ImageIdentity(names[0], names[1], version,
                            Mtk8051Firmware.dateOf(version), Mtk8051Firmware.TEMPLATE_OFFSET));
                    // OP searches only images of 512 KiB or more for the bank-select routine
                    assertThat(report.checks().stream().anyMatch(c -> c.name().equals("bank select") && c.passed()))
                            .as(what).isEqualTo(size >= 0x80000);
                    assertThat(report.checks().stream().anyMatch(c -> c.name().equals("LiteOn marker")))
                            .isEqualTo(names[0].startsWith("LITE"));
                }
            }
        }
    }
}
