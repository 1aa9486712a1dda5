package dev.odflash.chip;

/** One erasable block: where it starts and how long it is. */
public record EraseBlock(long offset, int size) {
    public long end() {
        return offset + size;
    }

    public boolean overlaps(long start, long endExclusive) {
        return offset < endExclusive && start < end();
    }
}
