package dev.odflash.family.mt19xx;

import dev.odflash.image.ImageBytes;
import dev.odflash.image.ImageRegion;
import dev.odflash.image.ImageReport;
import dev.odflash.image.InquiryTemplate;
import dev.odflash.image.ReportBuilder;
import dev.odflash.image.SignatureTable;

import dev.odflash.bytes.Ascii;
import dev.odflash.bytes.Cmac;
import dev.odflash.drive.ImageLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MT1959 images (layout {@code mt1959}, LG/ASUS BD), docs/protocols.md §4.3 and §2.2:
 * <ul>
 *   <li>exactly 2 MiB (FM, OD);</li>
 *   <li>0x3000: the 0x20-byte boot config whose first 16 bytes are the boot ID, "MT1959 Boot JB8 " or
 *       "MT1959 Boot BU5 " (RD {@code flash_mt1959.ixx}); redumper aborts when file and drive differ;</li>
 *   <li>0x1EC000: identity page (0x100) and 0x1F0000: per-unit calibration NVRAM (0x10000) (FM);</li>
 *   <li>0x10400: the AES-CMAC table ({@link SignatureTable}); MACs checked only with a user key.</li>
 * </ul>
 * The identity page's layout is not public, so vendor/product/revision are taken from an INQUIRY
 * template in the image when there is one [I: MediaTek's 8051 firmware carries one (§4.1); that the
 * ARM firmware does too is an assumption].
 */
public final class Mt1959Image {
    public static final int SIZE = 0x200000;
    public static final int BOOT_REGION = 0x10000;
    static final int BANNER = 0x3000;
    static final String BANNER_PREFIX = "MT1959 Boot ";
    static final Set<String> KNOWN_BOOT_IDS = Set.of("MT1959 Boot JB8 ", "MT1959 Boot BU5 ");
    static final int IDENTITY_PAGE = 0x1EC000;
    static final int CALIBRATION = 0x1F0000;
    static final int CALIBRATION_SIZE = 0x10000;
    public static final String PER_UNIT_WARNING = "holds per-unit calibration; flash only to the unit it came from";

    private Mt1959Image() {
    }

    public static boolean hasBanner(byte[] image) {
        return image.length == SIZE && ImageBytes.startsWith(image, BANNER, BANNER_PREFIX);
    }

    public static ImageReport identify(byte[] image) {
        return identify(image, Optional.empty());
    }

    /** @param cmacKey the user's 16-byte AES key; odflash ships none (docs/protocols.md §4.3) */
    public static ImageReport identify(byte[] image, Optional<byte[]> cmacKey) {
        ReportBuilder r = new ReportBuilder();
        if (!r.check(image.length == SIZE, "size", ReportBuilder.sizeText(image.length),
                ReportBuilder.sizeText(image.length) + "; MT1959 images are exactly 2 MiB (FM, OD)")) {
            return r.build(false, ImageLayout.MT1959, image, 0, BOOT_REGION);
        }
        boolean banner = hasBanner(image);
        String bootId = Ascii.field(image, BANNER, 16);
        if (!r.check(banner, "boot banner", "\"" + bootId + "\" at 0x3000 (RD)",
                "no \"MT1959 Boot \" banner at 0x3000 (RD flash_mt1959)")) {
            return r.build(false, ImageLayout.MT1959, image, SIZE / 0x10000, BOOT_REGION);
        }
        if (!KNOWN_BOOT_IDS.contains(new String(image, BANNER, 16, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            r.warn("boot ID \"" + bootId + "\" is not one redumper knows (JB8, BU5)");
        }
        r.region(ImageRegion.of("boot", 0, BOOT_REGION, "boot area; redumper blanks it before sending, the drive ignores it"));
        r.region(ImageRegion.of("boot config", BANNER, 0x20, bootId));

        r.identity = InquiryTemplate.find(image, InquiryTemplate.Rules.STRICT);
        r.identity.ifPresentOrElse(i -> r.pass("identity", String.format("INQUIRY template at 0x%X: %s %s %s",
                        i.templateOffset(), i.vendor(), i.product(), i.revision())),
                () -> r.warn("no INQUIRY template: the identity page format is not public, so only the boot ID"
                        + " identifies this image"));
        boolean pagePresent = !ImageBytes.blank(image, IDENTITY_PAGE, 0x100);
        r.region(ImageRegion.of("identity page", IDENTITY_PAGE, 0x100, pagePresent ? "present" : "blank"));

        boolean calibration = !ImageBytes.blank(image, CALIBRATION, CALIBRATION_SIZE);
        r.region(new ImageRegion("calibration", CALIBRATION, CALIBRATION_SIZE, calibration,
                calibration ? "per-unit calibration NVRAM (FM): holds data" : "blank"));
        if (calibration) {
            r.perUnit = true;
            r.warn(PER_UNIT_WARNING + " (calibration at 0x1F0000 is not blank: a raw dump of one drive)");
        }
        cmac(image, cmacKey, r);
        return r.build(true, ImageLayout.MT1959, image, SIZE / 0x10000, BOOT_REGION);
    }

    private static void cmac(byte[] image, Optional<byte[]> key, ReportBuilder r) {
        SignatureTable.Parsed table = SignatureTable.parse(image, SIZE, false);
        r.region(ImageRegion.of("CMAC table", SignatureTable.OFFSET, SignatureTable.ENTRIES * SignatureTable.ENTRY_SIZE,
                table.entries().size() + " signed ranges"));
        if (!r.check(table.problems().isEmpty(), "CMAC table", table.entries().size()
                        + " signed ranges at 0x10400 (OD update_cmac.py: {enabled, start, end, MAC[16]})",
                "CMAC table at 0x10400 malformed: " + table.problemText())) {
            return;
        }
        if (table.entries().isEmpty()) {
            r.warn("no signed CMAC table (FM's wording): the drive may refuse the image");
            return;
        }
        for (SignatureTable.Entry e : table.entries()) {
            if (e.length() % 16 != 0) {
                r.warn(String.format("CMAC entry %d covers 0x%X bytes, not whole 16-byte blocks", e.index(), e.length()));
            }
        }
        if (key.isEmpty()) {
            r.pass("CMAC values", "not checked: no {choice:KEY_GIVEN} given (odflash ships no keys)");
            return;
        }
        List<String> bad = new ArrayList<>();
        for (SignatureTable.Entry e : table.entries()) {
            byte[] mac = Cmac.mt1959(key.get(), image, (int) e.start(), (int) e.end());
            if (!Arrays.equals(mac, e.mac())) {
                bad.add(String.format("entry %d (0x%X-0x%X)", e.index(), e.start(), e.end()));
            }
        }
        r.check(bad.isEmpty(), "CMAC values", "all " + table.entries().size() + " MACs match with the given key",
                "MAC mismatch with the given key: " + String.join(", ", bad) + " (edited image, or another key)");
    }
}
