package dev.odflash.family;

import dev.odflash.image.CheckPurpose;
import dev.odflash.image.ImageReport;
import dev.odflash.family.mtk8051.Mtk8051Image;

import java.util.List;
import java.util.Optional;
import java.util.Comparator;

/**
 * Identifies a firmware image from its bytes (no file I/O: the caller bounds and reads the file).
 *
 * <p>Each layout has one recogniser, offered by its family ({@link Recogniser}); they are tried
 * strongest first and the first that recognises the image
 * (its report has a layout) wins. Stronger signatures come first: MT1959's boot banner, MT1939's
 * checksum and infonub, the SD-616 buffer shape, then the 8051-era layouts whose sizes overlap
 * (btc, tsst-mt1339, sd616 decided by their identity strings) and last the generic {@code mtk8051}.
 * When none recognises the image, the report of the recogniser whose size matched (or the
 * {@code mtk8051} one) says why.
 */
public final class ImageIdentifier {
    private ImageIdentifier() {
    }

    /** The checks for a file about to be flashed. */
    public static ImageReport identify(byte[] image) {
        return identify(image, Optional.empty(), CheckPurpose.FLASH);
    }

    /** @param purpose a file to be flashed, or a candidate carved out of an updater (looser bank rule) */
    public static ImageReport identify(byte[] image, CheckPurpose purpose) {
        return identify(image, Optional.empty(), purpose);
    }

    /** @param cmacKey an MT1959 CMAC key the user supplied (16 bytes), used only to check MACs */
    public static ImageReport identify(byte[] image, Optional<byte[]> cmacKey) {
        return identify(image, cmacKey, CheckPurpose.FLASH);
    }

    /** @param purpose what the image is checked for: a file to flash, or a candidate carved out of an updater */
    public static ImageReport identify(byte[] image, Optional<byte[]> cmacKey, CheckPurpose purpose) {
        List<Recogniser> recognisers = Families.all().stream().flatMap(f -> f.recognisers(cmacKey, purpose).stream())
                .sorted(Comparator.comparingInt(Recogniser::strength).reversed()).toList();
        ImageReport sized = null;
        ImageReport generic = null;
        for (Recogniser recogniser : recognisers) {
            ImageReport report = recogniser.identify().apply(image);
            if (report.layout().isPresent()) {
                return hashed(report, image);
            }
            boolean sizeOk = report.checks().stream().anyMatch(c -> c.name().equals("size") && c.passed());
            if (sizeOk && sized == null) {
                sized = report;
            }
            generic = report;
        }
        return hashed(sized != null && !Mtk8051Image.SIZES.contains(image.length) ? sized : generic, image);
    }

    /** Every report identify returns carries the image's SHA-256, computed here once. */
    private static ImageReport hashed(ImageReport report, byte[] image) {
        return report.sha256().isEmpty() ? report.withSha256(dev.odflash.bytes.Sha256.hex(image)) : report;
    }
}
