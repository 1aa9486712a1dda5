package dev.odflash.gui.model;

import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.ImageFit;

import java.util.ArrayList;
import java.util.List;

/**
 * The wizard's "drive and file side by side" step: model, family, version (current to new, marked up, down
 * or same), size and chip fit, boot region and integrity, each row with a mark. The verdicts are the
 * engine's ({@link ImageFit}); this only lays them out.
 */
public final class Comparison {
    public enum Mark { OK, WARN, BAD }

    public record Row(String what, String drive, String file, Mark mark) {
    }

    private Comparison() {
    }

    public static List<Row> rows(DriveInfo drive, ImageReport image) {
        List<Row> rows = new ArrayList<>();
        String driveModel = Texts.line(drive.inquiry().vendor() + " " + drive.inquiry().product());
        String fileModel = image.identity().map(i -> Texts.line(i.vendor() + " " + i.product())).orElse("(none in the file)");
        List<ImageFit.Gate> gates = ImageFit.check(drive, image, ImageFit.expectedSize(drive));
        rows.add(new Row("Model", driveModel, fileModel, mark(gates, ImageFit.MODEL, Mark.BAD)));
        rows.add(new Row("Family", drive.family().map(f -> f.word()).orElse("unknown: read-only"),
                image.layout().map(l -> l.word()).orElse("not recognised"), mark(gates, ImageFit.LAYOUT, Mark.BAD)));
        String have = Texts.line(drive.inquiry().revision());
        String want = image.identity().map(ImageIdentity::revision).map(Texts::line).orElse("?");
        ImageFit.Relation rel = ImageFit.relation(have, want, drive.bootMode());
        String arrow = switch (rel) {
            case NEWER -> "up";
            case SAME -> "same";
            case OLDER -> "down";
            case UNORDERED -> "cannot be ordered";
            case UNKNOWN -> "drive in boot mode";
        };
        rows.add(new Row("Version", have, want + " (" + arrow + ")",
                rel == ImageFit.Relation.NEWER || rel == ImageFit.Relation.UNKNOWN ? Mark.OK : Mark.WARN));
        long flash = ImageFit.expectedSize(drive);
        rows.add(new Row("Size and chip", (flash > 0 ? Sizes.human(flash) : "unknown") + ", " + Texts.line(drive.chipText()),
                Sizes.human(image.size()), mark(gates, ImageFit.SIZE, Mark.BAD)));
        long boot = drive.model().map(m -> (long) m.bootRegion()).orElse(0L);
        rows.add(new Row("Boot region", boot == 0 ? "none" : "first " + Sizes.human(boot), "kept unless included on purpose",
                Mark.OK));
        rows.add(new Row("Integrity", "", image.flashable() ? "every structure check passed" : "structure checks fail",
                mark(gates, ImageFit.STRUCTURE, Mark.BAD)));
        return rows;
    }

    private static Mark mark(List<ImageFit.Gate> gates, String name, Mark failed) {
        return gates.stream().filter(g -> g.name().equals(name)).findFirst().map(g -> g.passed() ? Mark.OK : failed)
                .orElse(Mark.WARN);
    }
}
