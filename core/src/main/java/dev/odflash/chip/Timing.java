package dev.odflash.chip;

/** A datasheet timing, typical and maximum, in microseconds. */
public record Timing(double typicalMicros, double maximumMicros) {
    public Timing {
        if (!(typicalMicros > 0) || maximumMicros < typicalMicros) {
            throw new IllegalArgumentException("timing needs 0 < typical <= maximum: " + typicalMicros + " / " + maximumMicros);
        }
    }

    public long typicalNanos() {
        return Math.round(typicalMicros * 1000);
    }
}
