package dev.odflash.family.tsst;

import dev.odflash.family.mt19xx.Mt1959Image;
import dev.odflash.image.ImageBytes;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageRegion;
import dev.odflash.image.ImageReport;
import dev.odflash.image.ReportBuilder;
import dev.odflash.image.SignatureTable;

import dev.odflash.bytes.Ascii;
import dev.odflash.drive.ImageLayout;

import java.util.Optional;

/**
 * MT1939 images (layout {@code mt1939}, e.g. Samsung SE-506CB), from coastermelt (CM, docs/protocols.md §4.2):
 * <ul>
 *   <li>exactly 2 MiB;</li>
 *   <li>0x000000-0x00FFFF boot area (bootloader, 8051 USB image), write-protected in the drive (§2.1);</li>
 *   <li>0x010000-0x1E1FFF loadable firmware, checksummed: the BE16 at 0x1FFFFE is the sum of these bytes
 *       modulo 0x10000 (CM {@code flasher/checksum.py});</li>
 *   <li>0x010400 signature table, 16 entries × 0x1C, flag 0xFFFFFFFF ends it ({@link SignatureTable});
 *       an empty table (0xFFFFFFFF in the first entry, what the fix mode of CM's {@code checksum.py}
 *       writes) fails: CM says the drive will not boot such an image;</li>
 *   <li>0x1E2000-0x1FFFFF information region (not checksummed); its "infonub" at 0x1FFFD0 holds
 *       vendor(8) + product(16) + revision(4).</li>
 * </ul>
 * An MT1959 image has the same size; its boot banner at 0x3000 ("MT1959 Boot ") sets it apart and
 * {@link Mt1959Image} is asked first.
 */
public final class Mt1939Image {
    public static final int SIZE = 0x200000;
    public static final int BOOT_REGION = 0x10000;
    static final int CHECKSUMMED_END = 0x1E2000;
    static final int INFONUB = 0x1FFFD0;
    static final int CHECKSUM = 0x1FFFFE;

    private Mt1939Image() {
    }

    public static ImageReport identify(byte[] image) {
        ReportBuilder r = new ReportBuilder();
        if (!r.check(image.length == SIZE, "size", ReportBuilder.sizeText(image.length),
                ReportBuilder.sizeText(image.length) + "; MT1939 images are exactly 2 MiB (CM)")) {
            return r.build(false, ImageLayout.MT1939, image, 0, BOOT_REGION);
        }
        boolean infonub = Ascii.isPrintable(image, INFONUB, 28) && !Ascii.field(image, INFONUB, 8).isBlank();
        int sum = ImageBytes.sum16(image, BOOT_REGION, CHECKSUMMED_END);
        int stored = ImageBytes.be16(image, CHECKSUM);
        boolean sumOk = sum == stored;
        if (infonub) {
            r.identity = Optional.of(new ImageIdentity(Ascii.field(image, INFONUB, 8).strip(),
                    Ascii.field(image, INFONUB + 8, 16).strip(), Ascii.field(image, INFONUB + 24, 4).strip(), "", INFONUB));
        }
        r.check(infonub, "identity", "infonub at 0x1FFFD0: " + r.identity.map(i -> i.vendor() + " " + i.product() + " "
                + i.revision()).orElse(""), "no printable vendor/product/revision in the infonub at 0x1FFFD0 (CM)");
        r.check(sumOk, "checksum", String.format("0x%04X at 0x1FFFFE = sum of 0x10000-0x1E1FFF (CM checksum.py)", sum),
                String.format("stored 0x%04X at 0x1FFFFE, computed 0x%04X over 0x10000-0x1E1FFF: damaged or edited"
                        + " image (CM checksum.py)", stored, sum));
        SignatureTable.Parsed table = SignatureTable.parse(image, SIZE, true);
        boolean emptied = table.problems().isEmpty() && table.entries().isEmpty();
        r.check(table.problems().isEmpty() && !emptied, "signature table",
                table.entries().size() + " entries at 0x10400 (CM: {flag, begin, end, signature[16]})",
                emptied ? "the signature table at 0x10400 is empty (flag 0xFFFFFFFF in its first entry): what the fix"
                        + " mode of CM's checksum.py leaves, and CM's notes say such an image will not boot; never flashed"
                        : "signature table at 0x10400 malformed: " + table.problemText());
        r.region(ImageRegion.of("boot", 0, BOOT_REGION, "bootloader + 8051 USB image; write-protected in the drive (CM)"));
        r.region(ImageRegion.of("firmware", BOOT_REGION, CHECKSUMMED_END - BOOT_REGION, "loadable firmware, checksummed"));
        r.region(ImageRegion.of("signature table", SignatureTable.OFFSET, SignatureTable.ENTRIES * SignatureTable.ENTRY_SIZE,
                table.entries().size() + " entries"));
        r.region(ImageRegion.of("information", CHECKSUMMED_END, SIZE - CHECKSUMMED_END, "not checksummed; infonub at 0x1FFFD0"));
        boolean recognised = (infonub || sumOk) && !Mt1959Image.hasBanner(image);
        return r.build(recognised, ImageLayout.MT1939, image, SIZE / 0x10000, BOOT_REGION);
    }

    /** The checksum CM's flasher writes at 0x1FFFFE. */
    public static int checksum(byte[] image) {
        return ImageBytes.sum16(image, BOOT_REGION, CHECKSUMMED_END);
    }
}
