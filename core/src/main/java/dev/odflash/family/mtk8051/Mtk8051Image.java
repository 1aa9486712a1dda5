package dev.odflash.family.mtk8051;

import dev.odflash.bytes.Sha256;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageReport;
import dev.odflash.image.InquiryTemplate;
import dev.odflash.drive.ImageLayout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises and checks an 8051-era MediaTek image (layout {@code mtk8051}) with the rules OmniPatcher
 * (OP) applies, as docs/protocols.md §4.1 records them:
 * <ul>
 *   <li>size 0x20000, 0x40000, 0x80000 or 0x100000 and byte 0 = 0x02 (8051 LJMP): OP accepts nothing
 *       else, and these two decide whether the image is mtk8051 at all;</li>
 *   <li>every 64 KiB bank starts with 0x02 ({@code fw_mtk_isokay}); 0x80 (SJMP) is accepted with a
 *       warning, as OP's XFlash extraction check ({@code common_xflash.pl}) allows it;</li>
 *   <li>the INQUIRY template after 0x4000 (strict), else anywhere with format 0x31 allowed (OP's
 *       relaxed rules, with a warning: they can mis-detect DVD-ROM images);</li>
 *   <li>"LITEONIT" at 0xFFF8 (OP's alternative LiteOn check) and, for LiteOn revisions starting with
 *       U or V, the last 16 bytes in {@code [A-Z ]} (else OP calls the firmware damaged);</li>
 *   <li>the bank-select routine {@code E5 90 54 xx B4 00} in bank 0 after 0x4000 ({@code fw_parse}):
 *       xx = 0x1F means a rebanked image.</li>
 * </ul>
 */
public final class Mtk8051Image {
    public static final int BANK = 0x10000;
    public static final int BOOT_REGION = 0x4000;
    public static final Set<Integer> SIZES = Set.of(0x20000, 0x40000, 0x80000, 0x100000);
    public static final int LITEON_MARKER_OFFSET = 0xFFF8;
    private static final byte[] LITEON_MARKER = "LITEONIT".getBytes(StandardCharsets.US_ASCII);

    private Mtk8051Image() {
    }

    public static ImageReport identify(byte[] image) {
        List<ImageCheck> checks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean sized = SIZES.contains(image.length);
        checks.add(sized
                ? ImageCheck.pass("size", sizeText(image.length))
                : ImageCheck.fail("size", sizeText(image.length) + "; mtk8051 images are 128 KiB, 256 KiB, 512 KiB or 1 MiB"));
        boolean entry = image.length > 0 && image[0] == 0x02;
        checks.add(entry
                ? ImageCheck.pass("entry opcode", "byte 0 is 0x02 (8051 LJMP)")
                : ImageCheck.fail("entry opcode", image.length == 0 ? "empty image"
                : String.format("byte 0 is 0x%02X, an 8051 image starts with 0x02 (LJMP)", image[0] & 0xFF)));
        if (sized) {
            checks.add(bankOpcodes(image, warnings));
        }

        Optional<ImageIdentity> identity = InquiryTemplate.find(image, InquiryTemplate.Rules.STRICT);
        if (identity.isEmpty()) {
            identity = InquiryTemplate.find(image, InquiryTemplate.Rules.RELAXED);
            identity.ifPresent(id -> warnings.add(String.format(
                    "INQUIRY template found only by the relaxed rules (at 0x%X): identity may be wrong", id.templateOffset())));
        }
        checks.add(identity.map(id -> ImageCheck.pass("identity", String.format("INQUIRY template at 0x%X: %s %s %s",
                        id.templateOffset(), id.vendor(), id.product(), id.revision())))
                .orElseGet(() -> ImageCheck.fail("identity", "no INQUIRY template (05 80 00 32 5B 00 00 00 ...)")));
        identity.ifPresent(id -> {
            boolean printable = InquiryTemplate.stringsPrintable(image, id.templateOffset());
            checks.add(printable
                    ? ImageCheck.pass("identity strings", "vendor, product and revision are printable ASCII")
                    : ImageCheck.fail("identity strings", "vendor, product or revision holds non-printable bytes"));
            if (!InquiryTemplate.datePrintable(image, id.templateOffset())) {
                warnings.add("the template's date field holds non-printable bytes");
            }
        });

        liteOn(image, identity, checks, warnings);
        bankSelect(image, checks, warnings);

        Optional<ImageLayout> layout = sized && entry ? Optional.of(ImageLayout.MTK8051) : Optional.empty();
        return new ImageReport(layout, image.length, image.length / BANK, identity, BOOT_REGION,
                checks, warnings, Sha256.hex(image));
    }

    public static ImageCheck bankOpcodes(byte[] image, List<String> warnings) {
        List<String> bad = new ArrayList<>();
        for (int bank = 0; bank < image.length / BANK; bank++) {
            int op = image[bank * BANK] & 0xFF;
            if (op == 0x80) {
                warnings.add(String.format("bank %d starts with 0x80 (SJMP), not 0x02: accepted as OP's XFlash check allows", bank));
            } else if (op != 0x02) {
                bad.add(String.format("bank %d at 0x%X: 0x%02X", bank, bank * BANK, op));
            }
        }
        return bad.isEmpty()
                ? ImageCheck.pass("bank opcodes", "all " + image.length / BANK + " banks start with an 8051 jump")
                : ImageCheck.fail("bank opcodes", "banks not starting with 0x02 or 0x80: " + String.join(", ", bad));
    }

    /** OP's LiteOn checks: the "LITEONIT" marker, and the last 16 bytes of [UV] firmwares. */
    private static void liteOn(byte[] image, Optional<ImageIdentity> identity, List<ImageCheck> checks, List<String> warnings) {
        if (image.length >= LITEON_MARKER_OFFSET + LITEON_MARKER.length
                && Arrays.equals(image, LITEON_MARKER_OFFSET, LITEON_MARKER_OFFSET + LITEON_MARKER.length,
                LITEON_MARKER, 0, LITEON_MARKER.length)) {
            boolean jump4000 = image.length > BOOT_REGION && image[BOOT_REGION] == 0x02;
            checks.add(ImageCheck.pass("LiteOn marker", "\"LITEONIT\" at 0xFFF8"));
            if (!jump4000) {
                warnings.add("LiteOn image without 0x02 at 0x4000 (OP's LiteOn check expects one)");
            }
        }
        identity.filter(id -> id.revision().startsWith("U") || id.revision().startsWith("V")).ifPresent(id -> {
            if (image.length >= 16 && !upperOrSpace(image, image.length - 16, 16)) {
                warnings.add("revision " + id.revision() + ": the last 16 bytes are not [A-Z ]; OP calls such a "
                        + "firmware damaged (a bad LtnFW/LtnFlash dump)");
            }
        });
    }

    /** Bank-select routine MOV A,P1 / ANL A,#xx / CJNE A,#00 in bank 0 after 0x4000; xx = 0x1F: rebanked (OP fw_parse). */
    private static void bankSelect(byte[] image, List<ImageCheck> checks, List<String> warnings) {
        int end = Math.min(image.length, BANK) - 6;
        for (int at = BOOT_REGION; at <= end; at++) {
            if (image[at] == (byte) 0xE5 && image[at + 1] == (byte) 0x90 && image[at + 2] == 0x54
                    && image[at + 4] == (byte) 0xB4 && image[at + 5] == 0x00) {
                int mask = image[at + 3] & 0xFF;
                if (mask == 0x0F || mask == 0x1F || mask == 0x07) {
                    checks.add(ImageCheck.pass("bank select", String.format("E5 90 54 %02X B4 00 at 0x%X%s",
                            mask, at, mask == 0x1F ? ": rebanked" : "")));
                    if (mask == 0x1F) {
                        warnings.add(String.format("rebanked image (bank select mask 0x1F at 0x%X): its physical "
                                + "layout is boot code + common area + per-bank remainders", at));
                    }
                    return;
                }
            }
        }
    }

    private static boolean upperOrSpace(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            int c = b[i] & 0xFF;
            if (c != ' ' && (c < 'A' || c > 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static String sizeText(int size) {
        return size % 1024 == 0 ? String.format("%d bytes (%d KiB)", size, size / 1024) : size + " bytes";
    }
}
