package dev.odflash.emulator.chip;

import dev.odflash.chip.WriteModel;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The last erase or program of a {@link FlashChipModel} whose time is deferred (the part is still busy with it while
 * the host polls): what its cells held and what it burns, so a power cut inside its busy window can leave it cut
 * instead of done ({@link #cut}). Counts what those cuts left, which the model adds to its own counters.
 */
final class RunningOperation {
    /** The share of an autopage part's page-write time spent erasing the page (inference, see {@link #cutPage}). */
    private static final double AUTOPAGE_ERASE_SHARE = 0.5;

    private final byte[] cells;
    private final WriteRules rules;
    private final WriteModel model;
    private final long seed;

    /** Where the running operation starts (-1: none), what the cells held, what it burns (null: an erase). */
    private int from = -1;
    private byte[] before;
    private byte[] source;
    /** Page and autopage parts: what the running page program leaves in its page once done (null otherwise). */
    private byte[] after;
    private long count;

    private long busyCuts;
    private long partialErases;
    private long partialPrograms;
    private long violations;

    RunningOperation(byte[] cells, WriteRules rules, WriteModel model, long seed) {
        this.cells = cells;
        this.rules = rules;
        this.model = model;
        this.seed = seed;
    }

    /** An erase of {@code length} cells at {@code at}, the part's {@code count}th erase call, is starting. */
    void erase(int at, int length, long count) {
        after = null;
        from = at;
        before = Arrays.copyOfRange(cells, at, at + length);
        source = null;
        this.count = count;
    }

    /**
     * A program call is starting, the part's {@code count}th; {@code page} is the range it may change (its own, or its
     * whole page on a page part, which acts on the page as a unit).
     */
    void program(int at, byte[] src, int off, int length, long count, int[] page) {
        after = null;
        this.count = count;
        if (pageWise()) {
            from = page[0];
            before = Arrays.copyOfRange(cells, page[0], page[1]);
            source = null;
            return;
        }
        from = at;
        before = Arrays.copyOfRange(cells, at, at + length);
        source = Arrays.copyOfRange(src, off, off + length);
    }

    /** A page part's program ran to its end (cells final, time owed): keeps the page as the finished program left it. */
    void programDone() {
        if (pageWise() && from >= 0 && source == null && before != null) {
            after = Arrays.copyOfRange(cells, from, from + before.length);
        }
    }

    /**
     * Power failed while the operation was still running (its cells already hold the result, its time is owed),
     * {@code progress} of that time gone: the cells go back to what they held and are left as a cut inside the call
     * leaves them (an erase partly erased, scattered; a byte or bit part's program with a prefix burnt and one byte
     * part-way, by the write model's rule; a page part's program as {@link #cutPage} leaves its page). Hands the cells
     * to {@code sink} and returns whether anything was cut.
     */
    boolean cut(double progress, CellSink sink) {
        if (from < 0) {
            return false;
        }
        int at = from;
        int length = before.length;
        from = -1;
        double p = Math.min(1, Math.max(0, progress));
        if (after != null) {
            cutPage(at, p);
        } else if (source == null) {
            System.arraycopy(before, 0, cells, at, length);
            Interruptions.erase(cells, at, at + length, p, FlashChipModel.eventRandom(seed, FlashChipModel.ERASE_STREAM, count));
            if (!rules.isErased(at, length) && !Arrays.equals(before, 0, length, cells, at, at + length)) {
                partialErases++;
            }
        } else if (model instanceof WriteModel.Byte || model instanceof WriteModel.Bit) {
            cutBytes(at, length, p);
        } else {
            return false;
        }
        busyCuts++;
        sink.written(cells, at, at + length);
        return true;
    }

    private void cutBytes(int at, int length, double progress) {
        System.arraycopy(before, 0, cells, at, length);
        byte[] src = source;
        int[] burnt = IntStream.range(0, length).filter(i -> src[i] != (byte) 0xFF).toArray();
        if (burnt.length == 0) {
            return;
        }
        int cut = burnt[Math.min(burnt.length - 1, (int) (progress * burnt.length))];
        if (cut > 0 && (model instanceof WriteModel.Byte
                ? rules.programBytes(at, src, 0, cut) : rules.programBits(at, src, 0, cut))) {
            violations++;
        }
        if (Interruptions.unfinished(cells[at + cut], src[cut])) {
            partialPrograms++;
        }
        cells[at + cut] = Interruptions.partlyProgrammed(cells[at + cut], src[cut],
                FlashChipModel.eventRandom(seed, FlashChipModel.PROGRAM_STREAM, count));
    }

    /**
     * A page part's program cut at {@code progress} of its time. Vendors say only that an interrupted program leaves
     * its data undefined (Macronix MX25L4005 data sheet: the page program is internally timed, WIP set until it ends;
     * Microchip "Implications of Device Reset": the target is left partially programmed); the pattern is a model
     * (inference): a page part burns its page in parallel, so each byte that had bits to clear is done with
     * probability equal to the progress and otherwise part-way ({@link Interruptions#partlyProgrammed}), scattered over
     * the page. An autopage part (W29C040: the page write erases the page internally, then programs it; Winbond W29C040
     * data sheet, "Page Write" and t_WC) spends the first half of its time on the erase (inference: the split is not
     * published): a cut there leaves the page partly erased ({@link Interruptions#erase}) and nothing of the new data,
     * a cut later the page erased and then partly programmed as above.
     */
    private void cutPage(int at, double progress) {
        byte[] finished = after;
        int length = before.length;
        after = null;
        RandomGenerator random = FlashChipModel.eventRandom(seed, FlashChipModel.PROGRAM_STREAM, count);
        System.arraycopy(before, 0, cells, at, length);
        double burn = progress;
        if (model instanceof WriteModel.AutoPage) {
            if (progress < AUTOPAGE_ERASE_SHARE) {
                Interruptions.erase(cells, at, at + length, progress / AUTOPAGE_ERASE_SHARE, random);
                countPartialPage(at, finished);
                return;
            }
            rules.erase(at, at + length);
            burn = (progress - AUTOPAGE_ERASE_SHARE) / (1 - AUTOPAGE_ERASE_SHARE);
        }
        for (int i = 0; i < length; i++) {
            byte old = cells[at + i];
            if (!Interruptions.unfinished(old, finished[i])) {
                cells[at + i] = (byte) (old & finished[i]); // nothing to clear here: already what the program leaves
                continue;
            }
            cells[at + i] = random.nextDouble() < burn ? finished[i] : Interruptions.partlyProgrammed(old, finished[i], random);
        }
        countPartialPage(at, finished);
    }

    private void countPartialPage(int at, byte[] finished) {
        int length = before.length;
        if (!Arrays.equals(before, 0, length, cells, at, at + length)
                && !Arrays.equals(finished, 0, length, cells, at, at + length)) {
            partialPrograms++;
        }
    }

    private boolean pageWise() {
        return model instanceof WriteModel.Page || model instanceof WriteModel.AutoPage;
    }

    long busyCuts() {
        return busyCuts;
    }

    long partialErases() {
        return partialErases;
    }

    long partialPrograms() {
        return partialPrograms;
    }

    long violations() {
        return violations;
    }
}
