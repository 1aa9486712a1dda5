package dev.odflash.emulator.chip;

/**
 * Where a chip's cells go the moment an erase or program call has left them (the {@code ?image=}
 * file): a chip keeps what it was told even when its host dies, so the emulated one must too.
 */
@FunctionalInterface
public interface CellSink {
    /** Nowhere: an in-memory drive. */
    CellSink NONE = (cells, from, to) -> { };

    /**
     * Cells {@code [from, to)} of {@code cells} are as the chip now holds them.
     *
     * @throws CellSinkFailure the cells could not be kept (the image file's disk failed)
     */
    void written(byte[] cells, int from, int to);
}
