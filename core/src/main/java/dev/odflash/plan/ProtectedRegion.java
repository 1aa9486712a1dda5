package dev.odflash.plan;

import java.util.Objects;

/**
 * A range of the chip the planner keeps erases off whenever the chip's erasers allow it
 * (docs/architecture.md "Safety rules", rule 3: the boot region; later also per-unit data).
 * {@code why} names the region in logs and plan descriptions ("boot region"); it decides nothing.
 */
public record ProtectedRegion(long offset, long length, String why) {
    public ProtectedRegion {
        Objects.requireNonNull(why, "why");
        if (offset < 0 || length <= 0 || offset + length < offset) {
            throw new IllegalArgumentException("protected region needs offset >= 0 and length > 0: "
                    + offset + "/" + length + " (" + why + ")");
        }
    }

    public long end() {
        return offset + length;
    }

    /** Whether {@code [start, endExclusive)} shares at least one byte with this region. */
    public boolean overlaps(long start, long endExclusive) {
        return start < end() && offset < endExclusive;
    }
}
