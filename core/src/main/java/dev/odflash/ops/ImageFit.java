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
 * The image gates of safety rule 4 that compare an image with a drive (docs/architecture.md "Safety
 * rules"): layout, size, structure, model, version. Each gate says whether it passed and why. The
 * flash command adds its own gates (backup, boot region, medium); this class sends nothing to a drive.
 *
 * <p>The version gate reports the relation: a newer image passes; the same version fails unless the
 * caller allows a reinstall ({@link Choice#ALLOW_REINSTALL}); an older one fails unless it allows a downgrade
 * ({@link Choice#ALLOW_OLDER}), and so does a pair {@link Revisions} cannot order (fails closed); a drive
 * in boot mode passes (its version is unknown). {@link #relation} gives the relation itself.
 */
public final class ImageFit {
    public static final String LAYOUT = "layout";
    public static final String SIZE = "size";
    public static final String STRUCTURE = "structure";
    public static final String MODEL = "model";
    public static final String VERSION = "version";
    /**
     * One gate's verdict; a failed gate may name the {@link Choice} that would let it pass (a view words
     * it), with the values that choice needs ({@link Failure.Refusal#arguments()}).
     */
    public record Gate(String name, boolean passed, String message, Optional<Choice> override, List<String> arguments) {
        public Gate {
            arguments = List.copyOf(arguments);
        }

        public Gate(String name, boolean passed, String message) {
            this(name, passed, message, Optional.empty(), List.of());
        }

        public Gate(String name, boolean passed, String message, Choice override) {
            this(name, passed, message, Optional.of(override), List.of());
        }
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
                ? new Gate(SIZE, false, "the drive's flash size is unknown", Choice.SIZE_GIVEN)
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
        return drive.model().map(m -> m.layout().fixedSize()).orElse(0L);
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
            case SAME -> new Gate(VERSION, false, "the drive already runs " + have, Choice.ALLOW_REINSTALL);
            case OLDER -> new Gate(VERSION, false, "image " + want + " is older than the drive's " + have
                    + ": a downgrade", Choice.ALLOW_OLDER);
            case UNORDERED -> new Gate(VERSION, false, "versions '" + want + "' (image) and '" + have
                    + "' (drive) cannot be ordered, so this may be a downgrade", Choice.ALLOW_OLDER);
            case UNKNOWN -> new Gate(VERSION, true, "the drive is in boot mode: its installed version is unknown");
        };
    }

    /**
     * UNKNOWN: the drive is in boot mode, its installed version is not known (the gate passes: this is
     * the recovery case, safety rule 6); UNORDERED: both are known but {@link Revisions} cannot order
     * them (the gate fails closed; {@link Choice#ALLOW_OLDER} overrides).
     */
    public enum Relation { NEWER, SAME, OLDER, UNORDERED, UNKNOWN }

    /** How the image's revision relates to the drive's, by {@link Revisions#compare}. */
    public static Relation relation(String driveRevision, String imageRevision, boolean bootMode) {
        if (bootMode) {
            return Relation.UNKNOWN;
        }
        return switch (Revisions.compare(driveRevision, imageRevision)) {
            case NEWER -> Relation.NEWER;
            case SAME -> Relation.SAME;
            case OLDER -> Relation.OLDER;
            case UNORDERED -> Relation.UNORDERED;
        };
    }

    private static String norm(String s) {
        return s.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
    }
}
