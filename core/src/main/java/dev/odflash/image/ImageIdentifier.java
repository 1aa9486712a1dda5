package dev.odflash.image;

import java.util.List;
import java.util.function.Function;

/**
 * Identifies a firmware image from its bytes (no file I/O: the caller bounds and reads the file).
 *
 * <p>Each layout has one recogniser; they are tried in order and the first that recognises the image
 * (its report has a layout) wins. When none does, the first recogniser's report is returned, whose
 * checks say why the image is not of that layout. Only {@code mtk8051} exists so far; the other
 * layouts (architecture.md "Families and layouts": btc, tsst-mt1339, sd616, mt1939, mt1959) are added
 * here as their recognisers are written. Order matters once they exist: a recogniser with a stronger
 * signature (checksum, CMAC table, boot banner) must come before a weaker one.
 */
public final class ImageIdentifier {
    private static final List<Function<byte[], ImageReport>> RECOGNISERS = List.of(Mtk8051Image::identify);

    private ImageIdentifier() {
    }

    public static ImageReport identify(byte[] image) {
        ImageReport first = null;
        for (Function<byte[], ImageReport> recogniser : RECOGNISERS) {
            ImageReport report = recogniser.apply(image);
            if (report.layout().isPresent()) {
                return report;
            }
            if (first == null) {
                first = report;
            }
        }
        return first;
    }
}
