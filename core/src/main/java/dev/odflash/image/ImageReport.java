package dev.odflash.image;

import dev.odflash.drive.ImageLayout;

import java.util.List;
import java.util.Optional;

/**
 * The result of identifying an image: the layout it was recognised as (empty: none), its size, bank
 * count, identity, boot region, the checks run, warnings that do not block a flash, and its SHA-256.
 */
public record ImageReport(Optional<ImageLayout> layout, long size, int banks, Optional<ImageIdentity> identity,
                          long bootRegionSize, List<ImageCheck> checks, List<String> warnings, String sha256) {
    public ImageReport {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    /** A recognised layout whose every check passed (warnings do not block). */
    public boolean flashable() {
        return layout.isPresent() && checks.stream().allMatch(ImageCheck::passed);
    }

    /** The checks that failed, in order: the reasons an image is not flashable. */
    public List<ImageCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
