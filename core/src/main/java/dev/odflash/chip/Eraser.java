package dev.odflash.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One erase command of a chip (sector erase, block erase, chip erase) with the block layout it
 * covers and its datasheet time per block.
 */
public record Eraser(String name, List<EraseRegion> regions, Timing time) {
    public Eraser {
        regions = List.copyOf(regions);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("eraser " + name + " has no regions");
        }
    }

    public long coveredBytes() {
        return regions.stream().mapToLong(EraseRegion::bytes).sum();
    }

    /** Smallest block size of this eraser (used to order erasers, smallest first). */
    public int smallestBlock() {
        return regions.stream().mapToInt(EraseRegion::size).min().orElseThrow();
    }

    public boolean uniform() {
        return regions.stream().map(EraseRegion::size).distinct().count() == 1;
    }

    public List<EraseBlock> blocks() {
        List<EraseBlock> out = new ArrayList<>();
        long offset = 0;
        for (EraseRegion r : regions) {
            for (int i = 0; i < r.count(); i++) {
                out.add(new EraseBlock(offset, r.size()));
                offset += r.size();
            }
        }
        return out;
    }

    /** The block starting exactly at {@code offset} with exactly {@code size} bytes, if this eraser has one. */
    public Optional<EraseBlock> blockAt(long offset, int size) {
        return blocks().stream().filter(b -> b.offset() == offset && b.size() == size).findFirst();
    }

    /** Time for one block of this eraser; the datasheet gives a per-block value. */
    public Timing timePerBlock() {
        return time;
    }
}
