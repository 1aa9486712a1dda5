package dev.odflash.family.btc;

import dev.odflash.image.CheckPurpose;
import dev.odflash.image.ImageBytes;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageRegion;
import dev.odflash.image.ImageReport;
import dev.odflash.family.mtk8051.Mtk8051Image;
import dev.odflash.image.ReportBuilder;

import dev.odflash.bytes.Ascii;
import dev.odflash.drive.ImageLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * BTC DRW-1004/1008/1108 images (layout {@code btc}), from btcflash (BT, docs/protocols.md §2.3 and §4.1):
 * <ul>
 *   <li>exactly 1 MiB ({@code FLASHSIZE} 0x100000);</li>
 *   <li>vendor(8) at 0x40BC, product(16) at 0x40C4, revision(4) at 0x40D4: btcflash prints these and
 *       compares vendor+product with the drive's INQUIRY;</li>
 *   <li>no stored checksum: btcflash sends the 16-bit sum of all 1 MiB bytes in bytes 30-31 of its
 *       32-byte header, so {@code identify} computes and prints it (docs/architecture.md "Contracts").</li>
 * </ul>
 * The drive is MediaTek-based [I], so the 8051 rules of §4.1 (0x02 at byte 0 and at every 64 KiB bank)
 * are applied too. What tells a BTC image from any other 1 MiB mtk8051 image is only the vendor field
 * at 0x40BC reading "BTC" [I: the drive table's BTC rows, which are modelled].
 */
public final class BtcImage {
    public static final int SIZE = 0x100000;
    static final int VENDOR = 0x40BC;
    static final int PRODUCT = 0x40C4;
    static final int REVISION = 0x40D4;

    private BtcImage() {
    }

    public static ImageReport identify(byte[] image) {
        return identify(image, CheckPurpose.FLASH);
    }

    public static ImageReport identify(byte[] image, CheckPurpose purpose) {
        ReportBuilder r = new ReportBuilder();
        boolean sized = r.check(image.length == SIZE, "size", ReportBuilder.sizeText(image.length),
                ReportBuilder.sizeText(image.length) + "; BTC images are exactly 1 MiB (btcflash FLASHSIZE)");
        if (!sized) {
            return r.build(false, ImageLayout.BTC, image, 0, Mtk8051Image.BOOT_REGION);
        }
        boolean printable = Ascii.isPrintable(image, VENDOR, 8 + 16 + 4);
        String vendor = Ascii.field(image, VENDOR, 8).strip();
        boolean btc = printable && vendor.toUpperCase(Locale.ROOT).equals("BTC");
        r.check(btc, "identity", String.format("vendor/product/revision at 0x%X/0x%X/0x%X (btcflash)", VENDOR, PRODUCT, REVISION),
                "no \"BTC\" vendor string at 0x40BC (btcflash's identity offsets)");
        if (!btc) {
            return r.build(false, ImageLayout.BTC, image, SIZE / Mtk8051Image.BANK, Mtk8051Image.BOOT_REGION);
        }
        String product = Ascii.field(image, PRODUCT, 16).strip();
        String revision = Ascii.field(image, REVISION, 4).strip();
        r.identity = Optional.of(new ImageIdentity(vendor, product, revision, "", VENDOR));
        r.check(image[0] == 0x02, "entry opcode", "byte 0 is 0x02 (8051 LJMP)",
                String.format("byte 0 is 0x%02X, an 8051 image starts with 0x02 (LJMP)", image[0] & 0xFF));
        List<String> bankWarnings = new ArrayList<>();
        r.checks.add(Mtk8051Image.bankOpcodes(image, purpose, bankWarnings));
        r.warnings.addAll(bankWarnings);
        int sum = ImageBytes.sum16(image, 0, SIZE);
        r.pass("byte sum", String.format("0x%04X: the 16-bit sum of all 1 MiB bytes, sent in bytes 30-31 of btcflash's"
                + " 32-byte header (BTC files carry no stored sum)", sum));
        r.region(ImageRegion.of("boot", 0, Mtk8051Image.BOOT_REGION, "16 KiB boot code (docs/protocols.md §4.1 [I] for BTC)"));
        r.region(ImageRegion.of("identity", VENDOR, 28, vendor + " " + product + " " + revision));
        return r.build(true, ImageLayout.BTC, image, SIZE / Mtk8051Image.BANK, Mtk8051Image.BOOT_REGION);
    }

    /** The sum btcflash puts in its header: all bytes of the 1 MiB image, modulo 0x10000 (BT). */
    public static int byteSum(byte[] image) {
        return ImageBytes.sum16(image, 0, image.length);
    }
}
