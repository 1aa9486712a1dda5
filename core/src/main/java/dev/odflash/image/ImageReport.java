package dev.odflash.image;

import dev.odflash.drive.ImageLayout;

import java.util.List;
import java.util.Optional;

/**
 * The result of identifying an image: the layout it was recognised as (empty: none), its size, bank
 * count, identity, boot region, the checks run, warnings that do not block a flash, its SHA-256, the
 * regions the recogniser found, and whether the image carries one unit's own data (calibration), so
 * it must go back only to that unit (docs/protocols.md §4.5 [I] gates).
 */
public record ImageReport(Optional<ImageLayout> layout, long size, int banks, Optional<ImageIdentity> identity,
                          long bootRegionSize, List<ImageCheck> checks, List<String> warnings, String sha256,
                          List<ImageRegion> regions, boolean perUnitData) {
    public ImageReport {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        regions = List.copyOf(regions);
    }

    /** The form before regions existed: no regions, no per-unit data. */
    public ImageReport(Optional<ImageLayout> layout, long size, int banks, Optional<ImageIdentity> identity,
                       long bootRegionSize, List<ImageCheck> checks, List<String> warnings, String sha256) {
        this(layout, size, banks, identity, bootRegionSize, checks, warnings, sha256, List.of(), false);
    }

    /** A recognised layout whose every check passed (warnings do not block). */
    public boolean flashable() {
        return layout.isPresent() && checks.stream().allMatch(ImageCheck::passed);
    }

    /** The checks that failed, in order: the reasons an image is not flashable. */
    public List<ImageCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The same report with its SHA-256 filled in (see {@link ReportBuilder#build}). */
    public ImageReport withSha256(String sha) {
        return new ImageReport(layout, size, banks, identity, bootRegionSize, checks, warnings, sha, regions, perUnitData);
    }

    /** The same report seen as another layout, with more checks, warnings and regions added. */
    public ImageReport relabel(ImageLayout as, List<ImageCheck> moreChecks, List<String> moreWarnings,
                        List<ImageRegion> moreRegions) {
        return new ImageReport(Optional.of(as), size, banks, identity, bootRegionSize,
                concat(checks, moreChecks), concat(warnings, moreWarnings), sha256,
                concat(regions, moreRegions), perUnitData);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
