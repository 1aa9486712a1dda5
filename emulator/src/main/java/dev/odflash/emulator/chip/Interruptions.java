package dev.odflash.emulator.chip;

import java.util.random.RandomGenerator;

/**
 * What NOR cells hold when power fails part-way through an erase or a program. Vendors say only that
 * the operation stops at once and leaves the target "partially programmed/erased" with invalid data
 * and no status to tell (Microchip, "Implications of Device Reset", onlinedocs.microchip.com; SST26VF016B
 * FAQ microchip.wikidot.com/faq:3411: erase again after an interrupted erase). The exact patterns below
 * are a model (inference), chosen to be as hostile as real parts can be, from how the cells work:
 * an erase pulse acts on the whole block at once and each cell crosses to "1" at its own time (so an
 * interrupted block holds 0xFF bytes, bytes with only some bits raised, and old bytes, scattered, not a
 * prefix), while a program burns the call's bytes one after another (so a prefix is done, one byte is
 * part-way, the rest untouched).
 */
final class Interruptions {
    private Interruptions() {
    }

    /**
     * Leaves {@code [from, to)} partly erased and returns the fraction of the erase time that had
     * passed, in [0.05, 0.95]. That fraction of bytes (seeded) is already 0xFF; of the rest, about a
     * third has some extra bits raised (old OR random bits, never lowered: erase only sets bits); the
     * remainder holds its old value.
     */
    static double erase(byte[] cells, int from, int to, RandomGenerator random) {
        double progress = 0.05 + 0.9 * random.nextDouble();
        erase(cells, from, to, progress, random);
        return progress;
    }

    /** Leaves {@code [from, to)} partly erased as {@link #erase(byte[], int, int, RandomGenerator)} does, at a given progress. */
    static void erase(byte[] cells, int from, int to, double progress, RandomGenerator random) {
        for (int i = from; i < to; i++) {
            double u = random.nextDouble();
            if (u < progress) {
                cells[i] = (byte) 0xFF;
            } else if (u < progress + (1 - progress) / 3) {
                cells[i] |= (byte) random.nextInt(256);
            }
        }
    }

    /**
     * A byte part-way through its program: a strict subset of the bits it had to clear (old AND NOT
     * new) is cleared, seeded. A byte with one bit to clear keeps it (the program pulse stopped short).
     */
    static byte partlyProgrammed(byte old, byte value, RandomGenerator random) {
        int toClear = old & ~value & 0xFF;
        int mask = random.nextInt(256) & toClear;
        if (mask == toClear && toClear != 0) {
            mask &= mask - 1; // drop one bit, so the byte is not complete
        }
        return (byte) (old & ~mask);
    }

    /** Whether {@link #partlyProgrammed} leaves that byte short of its value (it had bits to clear). */
    static boolean unfinished(byte old, byte value) {
        return (old & ~value & 0xFF) != 0;
    }
}
