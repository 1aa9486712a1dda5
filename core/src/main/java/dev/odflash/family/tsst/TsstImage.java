package dev.odflash.family.tsst;

import dev.odflash.image.CheckPurpose;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageRegion;
import dev.odflash.image.ImageReport;
import dev.odflash.image.InquiryTemplate;
import dev.odflash.family.mtk8051.Mtk8051Image;
import dev.odflash.image.ReportBuilder;
import dev.odflash.image.Sd616Layout;

import dev.odflash.drive.ImageLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * TSST/Samsung download images of the 8051 generation (docs/protocols.md §2.1):
 * <ul>
 *   <li>{@code tsst-mt1339}: TS-H353/352, SH-D162/163, SH-116AB/118CB, vendor "TSSTcorp" or "hp" (RD
 *       {@code drive/flash_tsst.ixx}); 256 KiB (docs/architecture.md "Contracts": inference from RD's end
 *       state {@code END_256KB});</li>
 *   <li>{@code sd616}: Samsung SD-616F, a file of exactly 0x20000 bytes (RD {@code flash_sd616.ixx});
 *       the rearranged 0x30000 download buffer is recognised and named ({@link Sd616Layout}).</li>
 * </ul>
 * No source describes the inside of these images. MT1339 and the SD-616's controller are 8051-era
 * MediaTek parts [I], so the {@code mtk8051} structure rules and INQUIRY template search are applied
 * and the identity decides the layout: sizes overlap with {@code mtk8051}, names do not.
 */
public final class TsstImage {
    public static final int MT1339_SIZE = 0x40000;
    /** Products on RD's TSST allow-list (docs/protocols.md §2.1). */
    static final Set<String> MT1339_MODELS = Set.of("TS-H353A", "TS-H353B", "TS-H353C", "TS-H352C", "TS-H352D",
            "SH-D162C", "SH-D162D", "SH-D163A", "SH-D163B", "SH-D163C", "SH-116AB", "SH-118CB");

    private TsstImage() {
    }

    public static ImageReport identifyMt1339(byte[] image) {
        return identifyMt1339(image, CheckPurpose.FLASH);
    }

    public static ImageReport identifyMt1339(byte[] image, CheckPurpose purpose) {
        if (image.length != MT1339_SIZE) {
            return notRecognised(image, "tsst-mt1339 images are 256 KiB");
        }
        ImageReport base = Mtk8051Image.identify(image, purpose);
        Optional<ImageIdentity> id = base.identity();
        boolean tsstVendor = id.map(i -> i.vendor().equals("TSSTcorp") || i.vendor().equalsIgnoreCase("hp")).orElse(false);
        if (!tsstVendor) {
            return notRecognised(image, "tsst-mt1339 needs vendor TSSTcorp or hp in the INQUIRY template (RD flash_tsst)");
        }
        String product = id.get().product().toUpperCase(Locale.ROOT);
        List<String> warnings = new ArrayList<>();
        if (MT1339_MODELS.stream().noneMatch(product::contains)) {
            warnings.add("product '" + id.get().product() + "' is not on redumper's TSST list (docs/protocols.md §2.1)");
        }
        return base.relabel(ImageLayout.TSST_MT1339,
                List.of(ImageCheck.pass("model", "TSST MT1339 drive (" + id.get().vendor() + " " + id.get().product() + ")")),
                warnings, List.of(ImageRegion.of("identity", id.get().templateOffset(), InquiryTemplate.LENGTH,
                        "INQUIRY template")));
    }

    public static ImageReport identifySd616(byte[] image) {
        return identifySd616(image, CheckPurpose.FLASH);
    }

    public static ImageReport identifySd616(byte[] image, CheckPurpose purpose) {
        if (Sd616Layout.isRearranged(image)) {
            ImageReport inner = identifySd616(Sd616Layout.restore(image), purpose);
            ImageCheck form = ImageCheck.fail("file form", "this is the rearranged 0x30000 download buffer (RD"
                    + " flash_sd616), not the 0x20000 flash file; " + dev.odflash.ops.NextStep.CONVERT.mention()
                    + " writes the original file");
            return new ImageReport(Optional.of(ImageLayout.SD616), image.length, 0, inner.identity(), 0,
                    List.of(form), inner.warnings(), dev.odflash.bytes.Sha256.hex(image), inner.regions(), false);
        }
        if (image.length != Sd616Layout.FILE_SIZE) {
            return notRecognised(image, "sd616 files are exactly 0x20000 bytes (RD flash_sd616)");
        }
        ImageReport base = Mtk8051Image.identify(image, purpose);
        boolean samsung = base.identity().map(i -> i.vendor().equals("SAMSUNG")
                && i.product().toUpperCase(Locale.ROOT).contains("SD-616")).orElse(false);
        if (!samsung) {
            return notRecognised(image, "sd616 needs a SAMSUNG SD-616 identity in the INQUIRY template (RD flash_sd616)");
        }
        ImageIdentity id = base.identity().get();
        return base.relabel(ImageLayout.SD616,
                List.of(ImageCheck.pass("model", "Samsung SD-616 (" + id.product() + "); streamed rearranged into a"
                        + " 0x30000 buffer (RD)")),
                List.of(), List.of(ImageRegion.of("identity", id.templateOffset(), InquiryTemplate.LENGTH, "INQUIRY template")));
    }

    private static ImageReport notRecognised(byte[] image, String why) {
        return new ReportBuilder().fail("layout", why).build(false, ImageLayout.TSST_MT1339, image, 0, 0);
    }
}
