package dev.odflash.chip;

/** A datasheet timing, typical and maximum, in microseconds. */
public record Timing(double typicalMicros, double maximumMicros) {
    public Timing {
        // finite: an infinite time ("1e999" in a user chip table) once crashed a flash mid-write
        if (!(typicalMicros > 0) || !Double.isFinite(maximumMicros) || maximumMicros < typicalMicros) {
            throw new IllegalArgumentException("timing needs 0 < typical <= maximum: " + typicalMicros + " / " + maximumMicros);
        }
    }

    public long typicalNanos() {
        return Math.round(typicalMicros * 1000);
    }
}
