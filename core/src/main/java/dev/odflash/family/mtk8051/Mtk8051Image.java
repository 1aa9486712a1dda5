package dev.odflash.family.mtk8051;

import dev.odflash.image.CheckPurpose;
import dev.odflash.image.RebankedLayout;
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
 *   <li>every 64 KiB bank starts with 0x02 for a file to be flashed ({@code fw_mtk_isokay}); 0x80 (SJMP)
 *       only for a candidate carved out of an updater (OP's XFlash extraction), see {@link CheckPurpose};</li>
 *   <li>a rebanked LiteOn image (OP's second rule, {@link RebankedLayout}) is recognised as such instead of
 *       failing the bank opcodes;</li>
 *   <li>the INQUIRY template after 0x4000 (strict), else, only in images under 1 MiB, OP's relaxed rules
 *       (format 0x31 too; from 0x4000, then from 0) with a warning and no date;</li>
 *   <li>"LITEONIT" at 0xFFF8 (OP's alternative LiteOn check) and, for LiteOn revisions starting with
 *       U or V, the last 16 bytes in {@code [A-Z ]} (else OP calls the firmware damaged);</li>
 *   <li>in images of 512 KiB or more, the bank-select routine {@code E5 90 54 xx B4 00} in bank 0 after
 *       0x4000 ({@code fw_parse}), with xx tied to the size: 0x0F or 0x1F (rebanked) in 1 MiB images, 0x07
 *       in the others. A missing routine is a warning, as OP only warns.</li>
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

    /** The checks for a file about to be flashed ({@link CheckPurpose#FLASH}). */
    public static ImageReport identify(byte[] image) {
        return identify(image, CheckPurpose.FLASH);
    }

    public static ImageReport identify(byte[] image, CheckPurpose purpose) {
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
            checks.add(bankOpcodes(image, purpose, warnings));
        }

        Optional<ImageIdentity> identity = InquiryTemplate.find(image, InquiryTemplate.Rules.STRICT);
        boolean strict = identity.isPresent();
        if (identity.isEmpty()) {
            identity = InquiryTemplate.find(image, InquiryTemplate.Rules.RELAXED_AFTER_BOOT)
                    .or(() -> InquiryTemplate.find(image, InquiryTemplate.Rules.RELAXED_ANYWHERE));
            identity.ifPresent(id -> warnings.add(String.format("INQUIRY template found only by the relaxed rules"
                    + " (at 0x%X): identity may be wrong, and its date is not read (OP)", id.templateOffset())));
        }
        identity = identity.map(id -> InquiryTemplate.plausibleDate(id.date()) ? id
                : new ImageIdentity(id.vendor(), id.product(), id.revision(), "", id.templateOffset()));
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
            if (id.date().isEmpty() && strict) {
                warnings.add("build date unknown: the template's date field names no year 199x-201x (OP)");
            }
        });

        liteOn(image, identity, checks, warnings);
        bankSelect(image, checks, warnings);

        Optional<ImageLayout> layout = sized && entry ? Optional.of(ImageLayout.MTK8051) : Optional.empty();
        return new ImageReport(layout, image.length, image.length / BANK, identity, BOOT_REGION,
                checks, warnings, Sha256.hex(image));
    }

    public static ImageCheck bankOpcodes(byte[] image, CheckPurpose purpose, List<String> warnings) {
        if (RebankedLayout.isRebanked(image)) {
            warnings.add("rebanked LiteOn image: odflash writes it at chip level only over a drive whose own backup"
                    + " has the same rebanked layout");
            return ImageCheck.pass("bank opcodes", "rebanked LiteOn layout (OP's second rule): 0x02 at 0x0000 and 0x4000,"
                    + " \"LITEONIT\" at 0xFFF8; banks " + RebankedLayout.unjumpedBanks(image)
                    + " do not start with 0x02, as the physical layout puts them inside code");
        }
        List<String> bad = new ArrayList<>();
        for (int bank = 0; bank < image.length / BANK; bank++) {
            int op = image[bank * BANK] & 0xFF;
            if (op == 0x80 && purpose == CheckPurpose.EXTRACTION) {
                warnings.add(String.format("bank %d starts with 0x80 (SJMP): kept as an extraction candidate, as OP's"
                        + " XFlash extraction allows, but a file to be flashed needs 0x02 there", bank));
            } else if (op != 0x02) {
                bad.add(String.format("bank %d at 0x%X: 0x%02X", bank, bank * BANK, op));
            }
        }
        String allowed = purpose == CheckPurpose.EXTRACTION ? "0x02 or 0x80" : "0x02";
        return bad.isEmpty()
                ? ImageCheck.pass("bank opcodes", "all " + image.length / BANK + " banks start with an 8051 jump")
                : ImageCheck.fail("bank opcodes", "banks not starting with " + allowed + ": " + String.join(", ", bad)
                + (purpose == CheckPurpose.FLASH ? " (a file to be flashed needs 0x02 at every bank, OP fw_mtk_isokay)" : ""));
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

    /** OP searches images of this size or more for the bank-select routine. */
    static final int BANK_SELECT_MIN_SIZE = 0x80000;
    private static final int ONE_MIB = 0x100000;

    /**
     * Bank-select routine MOV A,P1 / ANL A,#xx / CJNE A,#00 in bank 0 after 0x4000 (OP fw_parse). The mask
     * follows the size: 0x0F or 0x1F (rebanked) in a 1 MiB image, 0x07 (8 banks) in a 512 KiB one; smaller
     * images are not searched. A routine with another mask counts as missing, as it does for OP.
     */
    private static void bankSelect(byte[] image, List<ImageCheck> checks, List<String> warnings) {
        if (image.length < BANK_SELECT_MIN_SIZE) {
            return;
        }
        Set<Integer> masks = image.length == ONE_MIB ? Set.of(0x0F, 0x1F) : Set.of(0x07);
        int end = Math.min(image.length, BANK) - 6;
        int other = -1;
        for (int at = BOOT_REGION; at <= end; at++) {
            if (image[at] == (byte) 0xE5 && image[at + 1] == (byte) 0x90 && image[at + 2] == 0x54
                    && image[at + 4] == (byte) 0xB4 && image[at + 5] == 0x00) {
                int mask = image[at + 3] & 0xFF;
                if (masks.contains(mask)) {
                    checks.add(ImageCheck.pass("bank select", String.format("E5 90 54 %02X B4 00 at 0x%X%s",
                            mask, at, mask == 0x1F ? ": rebanked" : "")));
                    if (mask == 0x1F) {
                        warnings.add(String.format("rebanked image (bank select mask 0x1F at 0x%X): its physical "
                                + "layout is boot code + common area + per-bank remainders", at));
                    }
                    return;
                }
                if (other < 0) {
                    other = at;
                }
            }
        }
        String want = image.length == ONE_MIB ? "0x0F or 0x1F (1 MiB image)" : "0x07 (image under 1 MiB)";
        warnings.add("no bank-select routine E5 90 54 xx B4 00 with xx = " + want + " in bank 0 after 0x4000"
                + (other < 0 ? "" : String.format("; the one at 0x%X has mask 0x%02X", other, image[other + 3] & 0xFF))
                + ": OmniPatcher warns \"This firmware does not appear to be valid!\"");
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
