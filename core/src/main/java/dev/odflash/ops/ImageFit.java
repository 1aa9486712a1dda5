package dev.odflash.ops;

import dev.odflash.drive.DriveModel;
import dev.odflash.drive.ImageLayout;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image gates of safety rule 4 that compare an image with a drive (architecture.md "Safety
 * rules"): layout, size, structure, model, version. Each gate says whether it passed and why. The
 * flash command adds its own gates (backup, boot region, medium); this class sends nothing to a drive.
 *
 * <p>The version gate reports the relation: a newer image passes; the same version fails unless the
 * caller allows a reinstall ({@link #ALLOW_REINSTALL}); an older one fails unless it allows a downgrade
 * ({@link #ALLOW_OLDER}). {@link #relation} gives the relation itself.
 */
public final class ImageFit {
    public static final String LAYOUT = "layout";
    public static final String SIZE = "size";
    public static final String STRUCTURE = "structure";
    public static final String MODEL = "model";
    public static final String VERSION = "version";
    public static final String ALLOW_REINSTALL = "--allow-reinstall";
    public static final String ALLOW_OLDER = "--allow-older";

    /** One gate's verdict. */
    public record Gate(String name, boolean passed, String message) {
    }

    private ImageFit() {
    }

    /**
     * @param flashSize the drive's flash size in bytes; 0 or less when unknown (then the size gate fails)
     */
    public static List<Gate> check(DriveInfo drive, ImageReport image, long flashSize) {
        List<Gate> gates = new ArrayList<>();
        gates.add(layout(drive, image));
        gates.add(flashSize <= 0
                ? new Gate(SIZE, false, "the drive's flash size is unknown (give --size, or name the chip)")
                : image.size() == flashSize
                ? new Gate(SIZE, true, "image and flash are both " + image.size() + " bytes")
                : new Gate(SIZE, false, "image is " + image.size() + " bytes, the flash " + flashSize
                + " bytes: odflash never pads or cuts an image"));
        gates.add(image.flashable()
                ? new Gate(STRUCTURE, true, "every check of the " + image.layout().get().word() + " layout passed")
                : new Gate(STRUCTURE, false, image.layout().isEmpty() ? "not a firmware image odflash recognises"
                : "image fails: " + String.join("; ", image.failures().stream().map(c -> c.name() + ": " + c.detail()).toList())));
        gates.add(model(drive, image));
        gates.add(version(drive, image));
        return gates;
    }

    /** The flash size the gates should use: the probed one, else the layout's only size. */
    public static long expectedSize(DriveInfo drive) {
        if (drive.flashSize().isPresent()) {
            return drive.flashSize().get().bytes();
        }
        return drive.model().map(m -> switch (m.layout()) {
            case BTC -> 0x100000L;
            case TSST_MT1339 -> 0x40000L;
            case SD616 -> 0x20000L;
            case MT1939, MT1959 -> 0x200000L;
            case MTK8051 -> 0L;
        }).orElse(0L);
    }

    private static Gate layout(DriveInfo drive, ImageReport image) {
        Optional<ImageLayout> want = drive.model().map(DriveModel::layout);
        if (want.isEmpty()) {
            return new Gate(LAYOUT, false, "the drive (" + drive.inquiry().vendor() + " " + drive.inquiry().product()
                    + ") is in no drive-table row, so its layout is unknown");
        }
        if (image.layout().isEmpty()) {
            return new Gate(LAYOUT, false, "the image's layout is not recognised; the drive takes " + want.get().word());
        }
        return image.layout().get() == want.get()
                ? new Gate(LAYOUT, true, "both " + want.get().word())
                : new Gate(LAYOUT, false, "image layout " + image.layout().get().word() + ", drive layout "
                + want.get().word() + ": never across chip generations");
    }

    private static Gate model(DriveInfo drive, ImageReport image) {
        if (image.identity().isEmpty()) {
            return new Gate(MODEL, false, "the image carries no vendor/product strings to compare with the drive");
        }
        ImageIdentity id = image.identity().get();
        boolean same = norm(id.vendor()).equals(norm(drive.inquiry().vendor()))
                && norm(id.product()).equals(norm(drive.inquiry().product()));
        String pair = "image " + id.vendor() + " " + id.product() + ", drive " + drive.inquiry().vendor() + " "
                + drive.inquiry().product();
        if (!same) {
            return new Gate(MODEL, false, pair + ": another model's firmware");
        }
        return new Gate(MODEL, true, drive.bootMode()
                ? pair + " (the drive is in boot mode; the same vendor/product passes, safety rule 6)" : pair);
    }

    private static Gate version(DriveInfo drive, ImageReport image) {
        String have = drive.inquiry().revision().strip();
        String want = image.identity().map(ImageIdentity::revision).orElse("").strip();
        return switch (relation(have, want, drive.bootMode())) {
            case NEWER -> new Gate(VERSION, true, "image " + want + " is newer than the drive's " + have);
            case SAME -> new Gate(VERSION, false, "the drive already runs " + have + "; reinstalling needs " + ALLOW_REINSTALL);
            case OLDER -> new Gate(VERSION, false, "image " + want + " is older than the drive's " + have
                    + "; a downgrade needs " + ALLOW_OLDER);
            case UNKNOWN -> new Gate(VERSION, true, drive.bootMode()
                    ? "the drive is in boot mode: its installed version is unknown"
                    : "versions '" + want + "' and '" + have + "' cannot be ordered; shown for the user to judge");
        };
    }

    public enum Relation { NEWER, SAME, OLDER, UNKNOWN }

    /** How the image's revision relates to the drive's: digit groups compared as numbers when the rest agrees. */
    public static Relation relation(String driveRevision, String imageRevision, boolean bootMode) {
        String have = driveRevision.strip();
        String want = imageRevision.strip();
        if (bootMode || have.isEmpty() || want.isEmpty()) {
            return Relation.UNKNOWN;
        }
        if (have.equalsIgnoreCase(want)) {
            return Relation.SAME;
        }
        if (!have.replaceAll("[0-9]", "").equalsIgnoreCase(want.replaceAll("[0-9]", ""))
                || !have.matches(".*[0-9].*")) {
            return Relation.UNKNOWN;
        }
        String[] a = have.split("[^0-9]+");
        String[] b = want.split("[^0-9]+");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i].isEmpty() || b[i].isEmpty()) {
                continue;
            }
            int c = numeric(a[i], b[i]);
            if (c != 0) {
                return c < 0 ? Relation.NEWER : Relation.OLDER;
            }
        }
        return Relation.UNKNOWN;
    }

    /** Compares two digit strings as numbers of any length. */
    private static int numeric(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String norm(String s) {
        return s.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
    }
}
