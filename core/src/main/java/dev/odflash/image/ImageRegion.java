package dev.odflash.image;

/**
 * A region of an image a report names: where it is, how long, and what it holds (boot code, identity,
 * per-unit calibration, a signature table). {@code perUnit} marks data that belongs to one drive.
 */
public record ImageRegion(String name, long offset, long length, boolean perUnit, String detail) {
    public static ImageRegion of(String name, long offset, long length, String detail) {
        return new ImageRegion(name, offset, length, false, detail);
    }

    public long end() {
        return offset + length;
    }
}
