package dev.odflash.emulator.chip;

import java.util.random.RandomGenerator;

/**
 * Bit flips on data read ({@code flip:P}): each bit read comes back inverted with probability P,
 * independently, from one seeded stream; the cells themselves never change. Instead of one draw per
 * bit (4 Mi draws per 512 KiB read) it draws the gap to the next flip from the geometric distribution
 * with parameter P, which gives the same independent per-bit flips (the geometric law is memoryless,
 * so the gap may run on across calls).
 */
final class ReadNoise {
    private final double probability;
    private final RandomGenerator random;
    private long gap;
    private long flipped;

    ReadNoise(double probability, RandomGenerator random) {
        this.probability = probability;
        this.random = random;
        this.gap = probability > 0 ? nextGap() : Long.MAX_VALUE;
    }

    void apply(byte[] data, int offset, int length) {
        if (probability <= 0) {
            return;
        }
        long bits = length * 8L;
        long at = gap;
        while (at < bits) {
            data[offset + (int) (at >>> 3)] ^= (byte) (1 << (int) (at & 7));
            flipped++;
            long next = nextGap();
            at = next >= Long.MAX_VALUE - at - 1 ? Long.MAX_VALUE : at + 1 + next;
        }
        gap = at == Long.MAX_VALUE ? at : at - bits;
    }

    long flipped() {
        return flipped;
    }

    /** Bits that read right before the next flip: floor(ln(1-U) / ln(1-P)), U uniform in [0, 1). */
    private long nextGap() {
        if (probability >= 1) {
            return 0;
        }
        double g = Math.floor(Math.log1p(-random.nextDouble()) / Math.log1p(-probability));
        return g >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) g;
    }
}
