package dev.odflash.chip;

/**
 * Chip time of an operation, computed without doing it. The emulator's chip model advances its clock by
 * exactly these values, so a planner or benchmark that prices a plan with them predicts the
 * emulator's simulated time to the nanosecond. Typical datasheet values are used (the chip table's
 * {@code typUs}); bus time is the drive's business, not the chip's.
 */
public final class ChipTimings {
    private ChipTimings() {
    }

    /** One block of {@code eraser}: the datasheet gives a per-block time (sector, block or chip). */
    public static long eraseNanos(ChipSpec spec, Eraser eraser) {
        return eraser.timePerBlock().typicalNanos();
    }

    /**
     * Programming {@code length} bytes in calls of at most {@link ChipSpec#maxProgramLength()}.
     * Byte and bit parts take one program time per byte sent (the drive programs each byte it is
     * handed); page and autopage parts one program time per page touched, partial or whole
     * (the page is burnt as a unit, e.g. W29C040 "page 5 ms", docs/protocols.md §5).
     */
    public static long programNanos(ChipSpec spec, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        long unit = spec.programTime().typicalNanos();
        return switch (spec.writeModel()) {
            case WriteModel.Bit b -> unit * length;
            case WriteModel.Byte b -> unit * length;
            case WriteModel.Page p -> unit * pages(length, p.size());
            case WriteModel.AutoPage a -> unit * pages(length, a.size());
        };
    }

    /**
     * Programming these bytes in one call: byte and bit parts skip bytes sent as 0xFF (the drive
     * programs only the bytes that clear bits; 0xFF leaves a cell as it is), page parts burn the page.
     */
    public static long programNanos(ChipSpec spec, byte[] data, int offset, int length) {
        return switch (spec.writeModel()) {
            case WriteModel.Bit b -> spec.programTime().typicalNanos() * programmedBytes(data, offset, length);
            case WriteModel.Byte b -> spec.programTime().typicalNanos() * programmedBytes(data, offset, length);
            default -> programNanos(spec, length);
        };
    }

    /** Bytes of a program call that are not 0xFF: the ones a byte-programmed part actually burns. */
    public static int programmedBytes(byte[] data, int offset, int length) {
        int n = 0;
        for (int i = offset; i < offset + length; i++) {
            if (data[i] != (byte) 0xFF) {
                n++;
            }
        }
        return n;
    }

    /** Reading {@code length} bytes at the part's random access time per byte. */
    public static long readNanos(ChipSpec spec, int length) {
        return Math.round(length * spec.readAccessNs());
    }

    private static long pages(int length, int pageSize) {
        return (length + (long) pageSize - 1) / pageSize;
    }
}
