package dev.odflash.chip;

/** {@code count} consecutive erase blocks of {@code size} bytes (flashrom's eraseblock notation). */
public record EraseRegion(int size, int count) {
    public EraseRegion {
        if (size <= 0 || count <= 0) {
            throw new IllegalArgumentException("erase region needs positive size and count");
        }
    }

    public long bytes() {
        return (long) size * count;
    }
}
