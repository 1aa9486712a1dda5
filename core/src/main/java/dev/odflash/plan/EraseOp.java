package dev.odflash.plan;

/** One erase command: the block of {@code size} bytes at {@code offset} of the chip's eraser {@code eraser}. */
public record EraseOp(long offset, int size, String eraser) {
    public long end() {
        return offset + size;
    }
}
