package dev.odflash.family.mtk8051;

import dev.odflash.image.CheckPurpose;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageReport;
import dev.odflash.bytes.Ascii;
import dev.odflash.bytes.Sha256;
import dev.odflash.drive.ImageLayout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Mtk8051ImageTest {
    private static final int BANK = 0x10000;

    /** A minimal mtk8051 image: 0x02 at every bank start and at 0x4000, the INQUIRY template at {@code at}. */
    static byte[] image(int size, int at, int format) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 0xFF);
        for (int bank = 0; bank < size; bank += BANK) {
            b[bank] = 0x02;
            b[bank + 1] = 0x00;
            b[bank + 2] = 0x30;
        }
        b[0x4000] = 0x02;
        template(b, at, format, "ASUS", "CRW-5224A", "1.10");
        return b;
    }

    static void template(byte[] b, int at, int format, String vendor, String product, String revision) {
        byte[] header = {0x05, (byte) 0x80, 0x00, (byte) format, 0x5B, 0x00, 0x00, 0x00};
        System.arraycopy(header, 0, b, at, 8);
        Ascii.put(b, at + 8, 8, vendor);
        Ascii.put(b, at + 16, 16, product);
        Ascii.put(b, at + 32, 4, revision);
        Ascii.put(b, at + 36, 16, "2003/05/14");
    }

    private static ImageCheck check(ImageReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void validImageIsFlashableWithItsIdentity() {
        byte[] b = image(0x80000, 0x4100, 0x32);
        // OP's bank-select routine with the mask of a 512 KiB image (0x07); without it OP warns
        byte[] routine = {(byte) 0xE5, (byte) 0x90, 0x54, 0x07, (byte) 0xB4, 0x00};
        System.arraycopy(routine, 0, b, 0x4180, routine.length);
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.flashable()).as(r.failures().toString()).isTrue();
        assertThat(r.layout()).contains(ImageLayout.MTK8051);
        assertThat(r.banks()).isEqualTo(8);
        assertThat(r.size()).isEqualTo(0x80000);
        assertThat(r.bootRegionSize()).isEqualTo(16384);
        assertThat(r.identity()).contains(new ImageIdentity("ASUS", "CRW-5224A", "1.10", "2003/05/14", 0x4100));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.sha256()).isEqualTo(Sha256.hex(b));
        assertThat(ImageIdentifier.identify(b)).isEqualTo(r);
    }

    @Test
    void everyAcceptedSize() {
        for (int size : new int[]{0x20000, 0x40000, 0x80000, 0x100000}) {
            assertThat(Mtk8051Image.identify(image(size, 0x4100, 0x32)).flashable()).as("size %x", size).isTrue();
        }
    }

    @Test
    void wrongSizeIsNotMtk8051() {
        byte[] b = Arrays.copyOf(image(0x40000, 0x4100, 0x32), 0x30000);
        ImageReport r = ImageIdentifier.identify(b);
        assertThat(r.layout()).isEmpty();
        assertThat(r.flashable()).isFalse();
        assertThat(check(r, "size").passed()).isFalse();
        assertThat(check(r, "size").detail()).contains("196608");
    }

    @Test
    void firstByteMustBeLjmp() {
        byte[] b = image(0x20000, 0x4100, 0x32);
        b[0] = 0x00;
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.layout()).isEmpty();
        assertThat(check(r, "entry opcode").passed()).isFalse();
        assertThat(check(r, "entry opcode").detail()).contains("0x00");
    }

    @Test
    void badBankOpcodeFails() {
        byte[] b = image(0x40000, 0x4100, 0x32);
        b[2 * BANK] = 0x12;
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.layout()).contains(ImageLayout.MTK8051);
        assertThat(r.flashable()).isFalse();
        assertThat(check(r, "bank opcodes").detail()).contains("bank 2").contains("0x12");
    }

    @Test
    void sjmpBankIsAcceptedOnlyForExtraction() {
        byte[] b = image(0x40000, 0x4100, 0x32);
        b[BANK] = (byte) 0x80;
        ImageReport carved = Mtk8051Image.identify(b, CheckPurpose.EXTRACTION);
        assertThat(carved.flashable()).isTrue();
        assertThat(carved.warnings()).anyMatch(w -> w.contains("bank 1") && w.contains("0x80"));
        ImageReport toFlash = Mtk8051Image.identify(b);
        assertThat(toFlash.flashable()).isFalse();
        assertThat(check(toFlash, "bank opcodes").detail()).contains("bank 1").contains("0x80");
    }

    @Test
    void relaxedTemplateWarns() {
        // format 0x31 before 0x4000: only OP's relaxed rules find it
        byte[] b = image(0x20000, 0x0200, 0x31);
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.flashable()).isTrue();
        assertThat(r.identity().orElseThrow().templateOffset()).isEqualTo(0x200);
        assertThat(r.warnings()).anyMatch(w -> w.contains("relaxed"));

        // strict wins when both exist
        template(b, 0x5000, 0x32, "ASUS", "CRW-5224A", "1.20");
        assertThat(Mtk8051Image.identify(b).identity().orElseThrow().revision()).isEqualTo("1.20");
    }

    @Test
    void strictRulesIgnoreFormat31AfterTheBootRegion() {
        byte[] b = image(0x20000, 0x4100, 0x31);
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.identity()).isPresent();
        assertThat(r.warnings()).anyMatch(w -> w.contains("relaxed"));
    }

    @Test
    void missingTemplateFails() {
        byte[] b = image(0x20000, 0x4100, 0x32);
        b[0x4100] = 0x00;
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.identity()).isEmpty();
        assertThat(r.flashable()).isFalse();
        assertThat(check(r, "identity").passed()).isFalse();
    }

    @Test
    void nonPrintableIdentityFails() {
        byte[] b = image(0x20000, 0x4100, 0x32);
        b[0x4100 + 17] = 0x01;
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(check(r, "identity strings").passed()).isFalse();
        assertThat(r.flashable()).isFalse();
    }

    @Test
    void rebankedMarkerWarns() {
        byte[] b = image(0x100000, 0x4100, 0x32);
        byte[] routine = {(byte) 0xE5, (byte) 0x90, 0x54, 0x1F, (byte) 0xB4, 0x00};
        System.arraycopy(routine, 0, b, 0x6000, routine.length);
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.flashable()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("rebanked"));
        assertThat(check(r, "bank select").detail()).contains("0x6000");

        b[0x6003] = 0x0F;
        ImageReport plain = Mtk8051Image.identify(b);
        assertThat(plain.warnings()).noneMatch(w -> w.contains("rebanked"));
        assertThat(check(plain, "bank select").detail()).contains("E5 90 54 0F");
    }

    @Test
    void rebankPatternInBootCodeIsIgnored() {
        byte[] b = image(0x100000, 0x4100, 0x32);
        byte[] routine = {(byte) 0xE5, (byte) 0x90, 0x54, 0x1F, (byte) 0xB4, 0x00};
        System.arraycopy(routine, 0, b, 0x1000, routine.length);
        assertThat(Mtk8051Image.identify(b).warnings()).noneMatch(w -> w.contains("rebanked"));
    }

    @Test
    void liteOnMarkerIsReported() {
        byte[] b = image(0x100000, 0x4100, 0x32);
        System.arraycopy("LITEONIT".getBytes(StandardCharsets.US_ASCII), 0, b, 0xFFF8, 8);
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(check(r, "LiteOn marker").passed()).isTrue();
        assertThat(r.flashable()).isTrue();
    }

    @Test
    void liteOnUvFirmwareWithBadTailWarns() {
        byte[] b = image(0x100000, 0x4100, 0x32);
        template(b, 0x4100, 0x32, "LITE-ON", "DVDRW SOHW-1213S", "US0Q");
        ImageReport damaged = Mtk8051Image.identify(b);
        assertThat(damaged.warnings()).anyMatch(w -> w.contains("damaged"));

        Ascii.put(b, b.length - 16, 16, "LITEON DVDWRITER");
        assertThat(Mtk8051Image.identify(b).warnings()).noneMatch(w -> w.contains("damaged"));
    }

    @Test
    void emptyInputIsReportedNotThrown() {
        ImageReport r = ImageIdentifier.identify(new byte[0]);
        assertThat(r.layout()).isEmpty();
        assertThat(r.flashable()).isFalse();
        assertThat(r.failures()).isNotEmpty();
    }
}
