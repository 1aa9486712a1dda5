package dev.odflash.plan;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.EraseBlock;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.BusModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A lower bound of the device time of every valid chip-style plan (docs/architecture.md "Contracts": the
 * benchmark compares the planner with it, so it never calls into the planner and uses another method).
 * It shares only {@link ChipTimings} and {@link BusModel} with the planner.
 *
 * <p>The chip is cut at every erase block boundary ({@link BoundRegions}, which also gives each region's
 * least program cost, left as it is or after an erase, and why those are at or below every plan).
 * A valid plan pays at least for its erase blocks that no other of its blocks contains, and each region
 * is then either inside one of them (erased) or in none (left as it is: allowed only where the write
 * model allows it). So:
 * <ul>
 * <li>When the erase blocks of all erasers nest (any two are disjoint or one holds the other, which is
 *     every datasheet layout odflash knows), the blocks form a tree and the bound is the cheapest choice
 *     in that tree, found bottom up: a block is either erased (its cost plus its regions' after-erase
 *     costs) or not (the best of each child block plus its other regions as they are). Every plan's
 *     outermost blocks are one such choice, so the bound is at or below it.</li>
 * <li>Otherwise (blocks that overlap without nesting), a relaxation: each region pays for its erase a
 *     share of one block holding it, in proportion to its size (rounded down), which adds up to at most
 *     the block's cost over that block's regions; each region takes the cheaper of staying and its
 *     smallest share plus its after-erase cost.</li>
 * </ul>
 * autopage parts get no erase command (the chip erases each page it writes): every changed page is
 * rewritten whole, so their bound is exact.
 */
public final class LowerBound {
    private static final long FORBIDDEN = BoundRegions.FORBIDDEN;

    private LowerBound() {
    }

    private record Block(long offset, long end, long cost) {
    }

    private record Node(Block block, List<Node> children) {
    }

    public static long nanos(ChipSpec chip, BusModel bus, byte[] current, byte[] target) {
        if (current.length != chip.size() || target.length != chip.size()) {
            throw new IllegalArgumentException("images must be " + chip.size() + " bytes");
        }
        if (chip.writeModel() instanceof WriteModel.AutoPage(int page)) {
            long total = 0;
            for (int p = 0; p < current.length; p += page) {
                if (!Arrays.equals(current, p, p + page, target, p, p + page)) {
                    total += bus.commandNanos(page) + ChipTimings.programNanos(chip, page);
                }
            }
            return total;
        }
        BoundRegions regions = BoundRegions.of(chip, bus, current, target);
        List<Block> blocks = blocks(chip, bus);
        List<Node> roots = tree(blocks);
        return roots != null ? span(regions, 0, chip.size(), roots) : shares(regions, blocks);
    }

    /** Every erase block of every eraser with its cost; of two identical blocks the cheaper one. */
    private static List<Block> blocks(ChipSpec chip, BusModel bus) {
        Map<List<Long>, Long> cheapest = new HashMap<>();
        for (Eraser e : chip.erasers()) {
            long cost = bus.commandNanos(0) + ChipTimings.eraseNanos(chip, e);
            for (EraseBlock b : e.blocks()) {
                long end = Math.min(b.end(), chip.size());
                if (b.offset() < end) {
                    cheapest.merge(List.of(b.offset(), end), cost, Math::min);
                }
            }
        }
        List<Block> out = new ArrayList<>();
        cheapest.forEach((range, cost) -> out.add(new Block(range.get(0), range.get(1), cost)));
        out.sort(Comparator.comparingLong(Block::offset).thenComparing(Comparator.comparingLong(Block::end).reversed()));
        return out;
    }

    /** The containment forest of the blocks (children in address order), or {@code null} if two overlap without nesting. */
    private static List<Node> tree(List<Block> sorted) {
        List<Node> roots = new ArrayList<>();
        Deque<Node> open = new ArrayDeque<>();
        for (Block b : sorted) {
            while (!open.isEmpty() && open.peek().block().end() <= b.offset()) {
                open.pop();
            }
            if (!open.isEmpty() && open.peek().block().end() < b.end()) {
                return null;
            }
            Node node = new Node(b, new ArrayList<>());
            (open.isEmpty() ? roots : open.peek().children()).add(node);
            open.push(node);
        }
        return roots;
    }

    /** Least bound of {@code [from, to)} when its blocks are {@code nodes} (in order) and the rest stays as it is. */
    private static long span(BoundRegions regions, long from, long to, List<Node> nodes) {
        long total = 0;
        long at = from;
        for (Node n : nodes) {
            total = add(total, regions.keep(at, n.block().offset()));
            total = add(total, best(regions, n));
            at = n.block().end();
        }
        return add(total, regions.keep(at, to));
    }

    private static long best(BoundRegions regions, Node n) {
        Block b = n.block();
        long erase = add(b.cost(), regions.erased(b.offset(), b.end()));
        return Math.min(erase, span(regions, b.offset(), b.end(), n.children()));
    }

    private static long shares(BoundRegions regions, List<Block> blocks) {
        long total = 0;
        for (int k = 0; k < regions.regions(); k++) {
            long from = regions.at[k];
            long to = regions.at[k + 1];
            long share = FORBIDDEN;
            for (Block b : blocks) {
                if (b.offset() <= from && to <= b.end()) {
                    long size = b.end() - b.offset();
                    long part = to - from;
                    // floor(cost * part / size) without overflowing the product
                    share = Math.min(share, b.cost() / size * part + b.cost() % size * part / size);
                }
            }
            total = add(total, Math.min(regions.keep(from, to), add(share, regions.erased(from, to))));
        }
        return total;
    }

    private static long add(long a, long b) {
        return a == FORBIDDEN || b == FORBIDDEN ? FORBIDDEN : a + b;
    }
}
