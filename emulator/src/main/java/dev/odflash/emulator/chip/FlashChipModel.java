package dev.odflash.emulator.chip;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTimings;
import dev.odflash.chip.EraseBlock;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;

/**
 * A flash chip as the emulated drive holds it: contents, erase layout, write model, write protection
 * and timing from one chip table row (docs/architecture.md "The emulated drive is a drive" and "Write
 * models").
 *
 * <p>Every accepted operation advances the {@link VirtualClock} by {@link ChipTimings}' value for it.
 * A command the part would not accept (an address that is not the start of one of its erase blocks,
 * a program call longer than a page or crossing a page boundary) fails with
 * {@code lastOperationFailed} and changes nothing; a command touching a locked range fails with
 * {@code writeProtected} and changes nothing. A program the write model forbids is carried out the
 * way the silicon would leave it: the affected cells hold <em>undefined</em> values, drawn from a
 * generator seeded with {@code seed} so a test sees the same garbage every run, and the call counts
 * one {@link #violations() violation}.
 *
 * <p>Faults inside the chip ({@link ChipFaults}, seeded from the same {@code seed}, each event from its
 * own stream so one fault's outcome does not depend on how many reads came before it): power lost
 * part-way through the Kth accepted erase or program call leaves the cells as {@link Interruptions}
 * describes, advances the clock by the part of the operation that ran, and throws
 * {@link PowerLossException} (the owning drive goes without power); a lying program call reports
 * READY, takes its time and writes nothing; {@code flip:P} inverts bits of the data {@link #read}
 * returns, never the cells; a worn cell ({@code worn:ADDRESS}) makes every erase, and every program of
 * the page or range, that covers it fail with {@code lastOperationFailed} and change nothing. Counters
 * say what the faults actually produced, for a fault campaign.
 *
 * <p>Not thread-safe, on purpose: a chip model belongs to one emulated drive, and an emulated drive is
 * confined to the thread of the command that opened it, as a real drive is (docs/architecture.md "The
 * emulated drive is a drive", thread confinement). Nothing in odflash drives one emulated drive from two
 * threads: the emulator starts no thread, there is no serve or attach loop, trace writers run inside the
 * command's own calls, and tests that run a command on another thread build the drive there and read the
 * image file (or the counters) only after joining it. So there are no locks here; a caller that hands a
 * model to another thread must do so with a happens-before edge (start, join, a future).
 */
public final class FlashChipModel {
    // Stream tags mixed into the seed, so flips, erase cuts and program cuts draw independent values.
    private static final long FLIP_STREAM = 0x666C6970L;
    static final long ERASE_STREAM = 0x65726173L;
    static final long PROGRAM_STREAM = 0x70726F67L;

    private final ChipSpec spec;
    private final byte[] cells;
    private final VirtualClock clock;
    private final RandomGenerator undefined;
    private final List<EraseBlock> locked = new ArrayList<>();
    private final ChipFaults faults;
    private final long seed;
    private final ReadNoise noise;
    private final WriteRules rules;
    private final RunningOperation running;

    private CellSink sink = CellSink.NONE;
    private boolean deferOperationTime;
    private long pendingNanos;
    private ChipStatus status = ChipStatus.READY;
    private int erases;
    private int programs;
    private long bytesProgrammed;
    private long rejectedCommands;
    private long protectedRefusals;
    private long violations;
    private long eraseCalls;
    private long programCalls;
    private long partialErases;
    private long partialPrograms;
    private long lies;
    private long wornFailures;
    public FlashChipModel(ChipSpec spec, byte[] contents, VirtualClock clock, long seed) {
        this(spec, contents, clock, seed, ChipFaults.NONE);
    }

    public FlashChipModel(ChipSpec spec, byte[] contents, VirtualClock clock, long seed, ChipFaults faults) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (contents.length != spec.size()) {
            throw new IllegalArgumentException("contents are " + contents.length + " bytes, " + spec.name()
                    + " holds " + spec.size());
        }
        this.cells = contents.clone();
        this.undefined = random(seed);
        this.faults = Objects.requireNonNull(faults, "faults");
        this.seed = seed;
        this.noise = new ReadNoise(faults.flipProbability(), random(seed ^ FLIP_STREAM));
        this.rules = new WriteRules(cells, undefined);
        this.running = new RunningOperation(cells, rules, spec.writeModel(), seed);
    }

    /** A named algorithm, so seeded values stay the same across JDK releases. */
    private static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** The generator for one fault event: depends on the seed, the kind and the count only. */
    static RandomGenerator eventRandom(long seed, long stream, long count) {
        return random(seed ^ stream * 0x9E3779B97F4A7C15L ^ count * 0xC2B2AE3D27D4EB4FL);
    }

    /**
     * From now on erase and program times are owed instead of charged to the clock: a front end that keeps the part
     * busy while it works (the register-level drive's Data#/toggle bits, an SPI part's WIP) takes them with
     * {@link #takeOperationNanos()} and lets the host's polling move the clock through them.
     */
    public void deferOperationTime() {
        deferOperationTime = true;
    }

    /** The erase and program time owed since the last call (0 unless {@link #deferOperationTime()} is on). */
    public long takeOperationNanos() {
        long n = pendingNanos;
        pendingNanos = 0;
        return n;
    }

    private void charge(long nanos) {
        if (deferOperationTime) {
            pendingNanos += nanos;
        } else {
            clock.advance(nanos);
        }
    }

    public ChipSpec spec() {
        return spec;
    }

    /**
     * From now on every erase and program call hands the cells it touched to {@code sink} before it
     * returns, interrupted ones included (what a power cut left is what the chip holds).
     */
    public void persistTo(CellSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public JedecId id() {
        return spec.id();
    }

    public VirtualClock clock() {
        return clock;
    }

    public void read(long address, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        Objects.checkFromIndexSize(address, len, cells.length);
        System.arraycopy(cells, (int) address, dst, off, len);
        noise.apply(dst, off, len);
        clock.advance(ChipTimings.readNanos(spec, len));
    }

    /** Erases the one block of one of the part's erasers that starts at {@code address} and is {@code blockSize} long. */
    public ChipStatus erase(long address, int blockSize) {
        Optional<Eraser> eraser = spec.erasers().stream()
                .filter(e -> e.blockAt(address, blockSize).isPresent()).findFirst();
        if (eraser.isEmpty()) {
            return reject();
        }
        if (isLocked(address, blockSize)) {
            return refuseLocked();
        }
        if (faults.wornIn(address, blockSize)) {
            return failWorn();
        }
        eraseCalls++;
        long nanos = ChipTimings.eraseNanos(spec, eraser.get());
        try {
            if (faults.powerLossAtErase().contains(eraseCalls)) {
                interruptErase((int) address, blockSize, nanos);
            }
            if (deferOperationTime) {
                running.erase((int) address, blockSize, eraseCalls);
            }
            rules.erase((int) address, (int) address + blockSize);
        } finally {
            sink.written(cells, (int) address, (int) address + blockSize);
        }
        charge(nanos);
        erases++;
        return done();
    }

    private void interruptErase(int from, int length, long nanos) {
        byte[] before = Arrays.copyOfRange(cells, from, from + length);
        double progress = Interruptions.erase(cells, from, from + length, eventRandom(seed, ERASE_STREAM, eraseCalls));
        charge(Math.round(nanos * progress));
        boolean partial = !rules.isErased(from, length) && !Arrays.equals(before, 0, length, cells, from, from + length);
        if (partial) {
            partialErases++;
        }
        status = new ChipStatus(true, false, false);
        throw new PowerLossException(String.format("erase %d (0x%X, %d bytes) cut at %d %% of its time%s", eraseCalls,
                from, length, Math.round(progress * 100), partial ? ", block left partly erased" : ""));
    }

    /** Programs at most {@link ChipSpec#maxProgramLength()} bytes, not crossing a boundary of that size. */
    public ChipStatus program(long address, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        int max = spec.maxProgramLength();
        if (len <= 0 || len > max || address < 0 || address + len > cells.length
                || address / max != (address + len - 1) / max) {
            return reject();
        }
        if (isLocked(address, len)) {
            return refuseLocked();
        }
        int[] page = touchedByProgram((int) address, len);
        if (faults.wornIn(page[0], page[1] - page[0])) {
            return failWorn();
        }
        programCalls++;
        int at = (int) address;
        long nanos = ChipTimings.programNanos(spec, src, off, len);
        try {
            return programCells(at, src, off, len, nanos);
        } finally {
            int[] touched = touchedByProgram(at, len);
            sink.written(cells, touched[0], touched[1]);
        }
    }

    private ChipStatus programCells(int at, byte[] src, int off, int len, long nanos) {
        if (faults.powerLossAtProgram().contains(programCalls)) {
            interruptProgram(at, src, off, len, nanos);
        }
        if (deferOperationTime) {
            running.program(at, src, off, len, programCalls, touchedByProgram(at, len));
        }
        try {
            return programRemembered(at, src, off, len, nanos);
        } finally {
            if (deferOperationTime) {
                running.programDone();
            }
        }
    }

    private ChipStatus programRemembered(int at, byte[] src, int off, int len, long nanos) {
        if (faults.lieAtProgram().contains(programCalls)) {
            lies++; // the call takes its time and says READY; not one cell changed
            charge(nanos);
            programs++;
            return done();
        }
        boolean violated = switch (spec.writeModel()) {
            case WriteModel.Bit b -> rules.programBits(at, src, off, len);
            case WriteModel.Byte b -> rules.programBytes(at, src, off, len);
            case WriteModel.Page p -> rules.programPage(p.size(), false, at, src, off, len);
            case WriteModel.AutoPage a -> rules.programPage(a.size(), true, at, src, off, len);
        };
        if (violated) {
            violations++;
        }
        charge(nanos);
        programs++;
        bytesProgrammed += len;
        return done();
    }

    /** The cells a program call may change: its range, widened to whole pages where the part programs pages. */
    private int[] touchedByProgram(int at, int len) {
        int page = switch (spec.writeModel()) {
            case WriteModel.Page p -> p.size();
            case WriteModel.AutoPage a -> a.size();
            default -> 1;
        };
        int from = at - at % page;
        int to = Math.min(cells.length, (at + len + page - 1) / page * page);
        return new int[] {from, to};
    }

    /**
     * Power fails while the call burns its bytes. The part spends its program time on the bytes that
     * are not 0xFF ({@link ChipTimings#programNanos(ChipSpec, byte[], int, int)}), so the cut lands on
     * one of those (seeded): the bytes before it are programmed by the write model's rule, it is
     * partly programmed, the rest is untouched. Page parts burn a page in parallel; treating them the
     * same way (with the bit rule for the prefix) is a simplification (inference).
     */
    private void interruptProgram(int at, byte[] src, int off, int len, long nanos) {
        RandomGenerator random = eventRandom(seed, PROGRAM_STREAM, programCalls);
        int[] burnt = IntStream.range(0, len).filter(i -> src[off + i] != (byte) 0xFF).toArray();
        byte[] before = Arrays.copyOfRange(cells, at, at + len);
        double fraction = 0;
        boolean unfinished = false;
        if (burnt.length > 0) {
            int rank = random.nextInt(burnt.length);
            int cut = burnt[rank];
            if (cut > 0) {
                boolean violated = spec.writeModel() instanceof WriteModel.Byte
                        ? rules.programBytes(at, src, off, cut) : rules.programBits(at, src, off, cut);
                if (violated) {
                    violations++;
                }
            }
            unfinished = Interruptions.unfinished(cells[at + cut], src[off + cut]);
            cells[at + cut] = Interruptions.partlyProgrammed(cells[at + cut], src[off + cut], random);
            fraction = (rank + random.nextDouble()) / burnt.length;
        }
        charge(Math.round(nanos * fraction));
        boolean partial = unfinished && !Arrays.equals(before, 0, len, cells, at, at + len);
        if (partial) {
            partialPrograms++;
        }
        status = new ChipStatus(true, false, false);
        throw new PowerLossException(String.format("program %d (0x%X, %d bytes) cut at %d %% of its time%s",
                programCalls, at, len, Math.round(fraction * 100), partial ? ", range left partly programmed" : ""));
    }

    /** Power cuts that landed inside a running erase or program's busy window and left it cut ({@link #cutRunning}). */
    public long busyCuts() {
        return running.busyCuts();
    }

    /**
     * Power failed while the last erase or program was still running ({@link #deferOperationTime()}: its cells
     * already hold the result, its time is owed), {@code progress} of that time gone: the cells are left as a cut
     * inside the call leaves them ({@link RunningOperation#cut}). Returns whether anything was cut.
     */
    public boolean cutRunning(double progress) {
        if (!running.cut(progress, sink)) {
            return false;
        }
        status = new ChipStatus(true, false, false);
        return true;
    }

    /** Locks a range in hardware (a boot-block lock): erase and program touching it are refused. */
    public void protect(long offset, int size) {
        Objects.checkFromIndexSize(offset, size, cells.length);
        locked.add(new EraseBlock(offset, size));
    }

    /** Locks the part's boot block, if its row names one; returns whether it did. */
    public boolean lockBootBlock() {
        spec.bootBlock().ifPresent(b -> protect(b.offset(), b.size()));
        return spec.bootBlock().isPresent();
    }

    public ChipStatus status() {
        return status;
    }

    public byte[] contents() {
        return cells.clone();
    }

    public int erases() {
        return erases;
    }

    public int programs() {
        return programs;
    }

    public long bytesProgrammed() {
        return bytesProgrammed;
    }

    /** Commands the part did not accept (bad block, bad length or alignment); nothing changed. */
    public long rejectedCommands() {
        return rejectedCommands;
    }

    /** Commands refused because they touched a locked range; nothing changed. */
    public long protectedRefusals() {
        return protectedRefusals;
    }

    /** Program calls the write model forbids; each left some cells undefined. */
    public long violations() {
        return violations + running.violations();
    }

    /** Interrupted erases that left their block neither as it was nor erased (fault campaign). */
    public long partialErases() {
        return partialErases + running.partialErases();
    }

    /** Interrupted program calls that left their range changed but not finished (fault campaign). */
    public long partialPrograms() {
        return partialPrograms + running.partialPrograms();
    }

    /** Program calls that reported READY and wrote nothing ({@code lie@program:K}). */
    public long lies() {
        return lies;
    }

    /** Erase and program calls that failed on a worn-out cell ({@code worn:ADDRESS}); nothing changed. */
    public long wornFailures() {
        return wornFailures;
    }

    /** Bits inverted in data returned by {@link #read} ({@code flip:P}); the cells are unchanged. */
    public long bitsFlipped() {
        return noise.flipped();
    }

    /** Erase calls the part accepted, interrupted ones included: what {@code powerloss@erase:K} counts. */
    public long eraseCalls() {
        return eraseCalls;
    }

    /** Program calls the part accepted, interrupted and lying ones included: what {@code @program:K} counts. */
    public long programCalls() {
        return programCalls;
    }

    private boolean isLocked(long address, long length) {
        return locked.stream().anyMatch(b -> b.overlaps(address, address + length));
    }

    private ChipStatus reject() {
        rejectedCommands++;
        status = new ChipStatus(false, true, false);
        return status;
    }

    /** The part's erase or program verify fails on a worn-out cell: it reports an error and changes nothing. */
    private ChipStatus failWorn() {
        wornFailures++;
        status = new ChipStatus(false, true, false);
        return status;
    }

    private ChipStatus refuseLocked() {
        protectedRefusals++;
        status = new ChipStatus(false, true, true);
        return status;
    }

    private ChipStatus done() {
        status = ChipStatus.READY;
        return status;
    }
}
