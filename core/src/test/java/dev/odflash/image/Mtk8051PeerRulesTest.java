package dev.odflash.image;

import dev.odflash.family.ImageIdentifier;
import dev.odflash.family.mtk8051.Mtk8051Image;
import dev.odflash.drive.ImageLayout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mtk8051 checks against OmniPatcher's documented behaviour (docs/protocols.md §4.1, OP fw.pl,
 * fw_mtk.pl, common_util.pl). Every image is built here byte by byte from OP's rules, not by odflash.
 */
class Mtk8051PeerRulesTest {
    private static final int BANK = 0x10000;

    /** 0xFF everywhere, LJMP 0x0030 (02 00 30) at every bank start and at 0x4000, the INQUIRY template at 0x4100. */
    private static byte[] image(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 0xFF);
        for (int bank = 0; bank < size; bank += BANK) {
            b[bank] = 0x02;
            b[bank + 1] = 0x00;
            b[bank + 2] = 0x30;
        }
        b[0x4000] = 0x02;
        template(b, 0x4100, 0x32, "2003/05/14");
        return b;
    }

    /** 05 80 00 <format> 5B 00 00 00, "ASUS    ", "CRW-5224A       ", "1.10", then the 16-byte date. */
    private static void template(byte[] b, int at, int format, String date) {
        byte[] header = {0x05, (byte) 0x80, 0x00, (byte) format, 0x5B, 0x00, 0x00, 0x00};
        System.arraycopy(header, 0, b, at, 8);
        put(b, at + 8, "ASUS    ");
        put(b, at + 16, "CRW-5224A       ");
        put(b, at + 32, "1.10");
        put(b, at + 36, (date + "                ").substring(0, 16));
    }

    private static void put(byte[] b, int at, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, b, at, a.length);
    }

    /** MOV A,P1 / ANL A,#mask / CJNE A,#00: E5 90 54 mask B4 00 at {@code at}. */
    private static void bankSelect(byte[] b, int at, int mask) {
        byte[] routine = {(byte) 0xE5, (byte) 0x90, 0x54, (byte) mask, (byte) 0xB4, 0x00};
        System.arraycopy(routine, 0, b, at, routine.length);
    }

    private static boolean opWarnsInvalid(ImageReport r) {
        return r.warnings().stream().anyMatch(w -> w.contains("does not appear to be valid"));
    }

    private static boolean bankSelectPassed(ImageReport r) {
        return r.checks().stream().anyMatch(c -> c.name().equals("bank select") && c.passed());
    }

    @Test
    void bankSelectMaskFollowsTheSizeAsOmniPatcherSearchesIt() {
        byte[] half = image(0x80000);
        bankSelect(half, 0x4180, 0x0F); // 0x0F is a 1 MiB mask: OP finds no routine in a 512 KiB image
        ImageReport wrong = Mtk8051Image.identify(half);
        assertThat(opWarnsInvalid(wrong)).as(wrong.warnings().toString()).isTrue();
        assertThat(bankSelectPassed(wrong)).isFalse();
        assertThat(wrong.flashable()).as("a missing routine is a warning, as OP only warns").isTrue();
        bankSelect(half, 0x4180, 0x07);
        ImageReport right = Mtk8051Image.identify(half);
        assertThat(opWarnsInvalid(right)).isFalse();
        assertThat(bankSelectPassed(right)).isTrue();

        byte[] full = image(0x100000);
        bankSelect(full, 0x4180, 0x07);
        assertThat(opWarnsInvalid(Mtk8051Image.identify(full))).as("0x07 in a 1 MiB image").isTrue();
        bankSelect(full, 0x4180, 0x0F);
        assertThat(bankSelectPassed(Mtk8051Image.identify(full))).isTrue();
        bankSelect(full, 0x4180, 0x1F);
        assertThat(bankSelectPassed(Mtk8051Image.identify(full))).isTrue();
    }

    @Test
    void missingRoutineWarnsFrom512KiBAndSmallerImagesAreNotSearched() {
        assertThat(opWarnsInvalid(Mtk8051Image.identify(image(0x80000)))).isTrue();
        assertThat(opWarnsInvalid(Mtk8051Image.identify(image(0x100000)))).isTrue();
        for (int size : new int[]{0x20000, 0x40000}) {
            ImageReport r = Mtk8051Image.identify(image(size));
            assertThat(r.warnings()).as("%d KiB", size / 1024).isEmpty();
            assertThat(r.checks()).noneMatch(c -> c.name().equals("bank select"));
        }
    }

    @Test
    void aBankStartingWithSjmpIsRefusedForAFileToBeFlashed() {
        byte[] b = image(0x40000);
        b[2 * BANK] = (byte) 0x80; // OP's fw_mtk_isokay wants 0x02 at every bank before it saves a file
        ImageReport r = ImageIdentifier.identify(b);
        assertThat(r.flashable()).isFalse();
        assertThat(r.failures()).anyMatch(c -> c.name().equals("bank opcodes") && c.detail().contains("bank 2"));
    }

    /** OP's physical layout: 16 KiB boot, the common area at 0x4000 (02 ..), then per-bank remainders. */
    private static byte[] rebanked(int size) {
        byte[] b = image(size);
        for (int bank = 1; bank < size / BANK; bank++) {
            b[bank * BANK] = 0x75; // MOV direct,#data: the middle of a remainder, not a jump
            b[bank * BANK + 1] = (byte) 0x90;
            b[bank * BANK + 2] = 0x01;
        }
        put(b, 0xFFF8, "LITEONIT");
        return b;
    }

    @Test
    void rebankedLiteOnImageIsRecognisedByOmniPatchersSecondRule() {
        byte[] b = rebanked(0x100000);
        bankSelect(b, 0x4180, 0x1F);
        ImageReport r = ImageIdentifier.identify(b);
        assertThat(r.layout()).contains(ImageLayout.MTK8051);
        assertThat(r.flashable()).as(r.failures().toString()).isTrue();
        assertThat(r.checks()).anyMatch(c -> c.name().equals("bank opcodes") && c.passed() && c.detail().contains("rebanked"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("rebanked") && w.contains("chip level"));

        byte[] noMarker = b.clone();
        put(noMarker, 0xFFF8, "XXXXXXXX");
        assertThat(ImageIdentifier.identify(noMarker).failures()).anyMatch(c -> c.name().equals("bank opcodes"));
        byte[] noCommonJump = b.clone();
        noCommonJump[0x4000] = 0x00;
        assertThat(ImageIdentifier.identify(noCommonJump).flashable()).isFalse();
    }

    @Test
    void relaxedRulesOnlyUnder1MiBAndTheyCarryNoDate() {
        byte[] small = image(0x80000);
        small[0x4100 + 3] = 0x31; // format 0x31: only OP's relaxed rules accept it
        ImageIdentity id = Mtk8051Image.identify(small).identity().orElseThrow();
        assertThat(id.templateOffset()).isEqualTo(0x4100);
        assertThat(id.date()).as("the relaxed rules read no date").isEmpty();

        byte[] full = image(0x100000);
        full[0x4100 + 3] = 0x31;
        ImageReport r = Mtk8051Image.identify(full);
        assertThat(r.identity()).as("OP never relaxes for a 1 MiB image").isEmpty();
        assertThat(r.flashable()).isFalse();
    }

    @Test
    void relaxedRulesSearchFrom0x4000BeforeFrom0() {
        byte[] b = image(0x40000);
        Arrays.fill(b, 0x4100, 0x4100 + 52, (byte) 0xFF);
        template(b, 0x0200, 0x31, "2001/01/01"); // level 4 (from 0) would find this one first
        template(b, 0x5000, 0x31, "2001/01/01"); // level 3 (from 0x4000) is tried before it
        assertThat(Mtk8051Image.identify(b).identity().orElseThrow().templateOffset()).isEqualTo(0x5000);
    }

    @Test
    void aDateWithoutAPlausibleYearIsUnknown() {
        byte[] b = image(0x40000);
        template(b, 0x4100, 0x32, "V1.10 BUILD 42");
        ImageReport r = Mtk8051Image.identify(b);
        assertThat(r.identity().orElseThrow().date()).isEmpty();
        assertThat(r.warnings()).anyMatch(w -> w.contains("date unknown"));
        template(b, 0x4100, 0x32, "Jan12 ,2004");
        assertThat(Mtk8051Image.identify(b).identity().orElseThrow().date()).isEqualTo("Jan12 ,2004");
    }
}
