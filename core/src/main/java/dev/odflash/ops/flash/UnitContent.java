package dev.odflash.ops.flash;

import dev.odflash.bytes.Sha256;
import dev.odflash.family.Families;
import dev.odflash.image.ImageRegion;
import dev.odflash.ops.DriveInfo;

import java.util.Arrays;
import java.util.List;

/**
 * What a drive holds apart from its unit regions ({@link dev.odflash.family.Family#unitRegions}): the
 * flash with those regions zeroed, hashed. Two units flashed with one image hash alike, and so does a
 * drive and the image odflash flashed to it (whose per-unit data the flash kept).
 */
public final class UnitContent {
    private UnitContent() {
    }

    public static List<ImageRegion> regions(DriveInfo info, long size) {
        return Families.of(info).map(f -> f.unitRegions(size)).orElse(List.of());
    }

    public static String sha256(byte[] flash, List<ImageRegion> regions) {
        return Sha256.hex(regions.isEmpty() ? flash : masked(flash, regions));
    }

    /** A copy of {@code flash} with the regions zeroed. */
    public static byte[] masked(byte[] flash, List<ImageRegion> regions) {
        byte[] masked = flash.clone();
        for (ImageRegion r : regions) {
            int from = (int) Math.min(masked.length, r.offset());
            int to = (int) Math.min(masked.length, r.end());
            Arrays.fill(masked, from, to, (byte) 0);
        }
        return masked;
    }

    public static String sha256(DriveInfo info, byte[] flash) {
        return sha256(flash, regions(info, flash.length));
    }
}
