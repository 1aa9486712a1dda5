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

/**
 * A flash chip as the emulated drive holds it: contents, erase layout, write model, write protection
 * and timing from one chip table row (architecture.md "The emulated drive is a drive" and "Write
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
 * <p>Extension point (not implemented yet): power loss part-way through an operation. Erase goes
 * through {@link #eraseCells} and program through one method per write model that walks the call
 * byte by byte or page by page, so a fault can stop either after some cells (a partly erased block:
 * some bytes 0xFF, the rest old; a partly programmed range) without restructuring this class.
 */
public final class FlashChipModel {
    private final ChipSpec spec;
    private final byte[] cells;
    private final VirtualClock clock;
    private final RandomGenerator undefined;
    private final List<EraseBlock> locked = new ArrayList<>();

    private ChipStatus status = ChipStatus.READY;
    private int erases;
    private int programs;
    private long bytesProgrammed;
    private long rejectedCommands;
    private long protectedRefusals;
    private long violations;

    public FlashChipModel(ChipSpec spec, byte[] contents, VirtualClock clock, long seed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (contents.length != spec.size()) {
            throw new IllegalArgumentException("contents are " + contents.length + " bytes, " + spec.name()
                    + " holds " + spec.size());
        }
        this.cells = contents.clone();
        // A named algorithm, so the undefined values stay the same across JDK releases.
        this.undefined = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    public ChipSpec spec() {
        return spec;
    }

    public JedecId id() {
        return spec.id();
    }

    public VirtualClock clock() {
        return clock;
    }

    public synchronized void read(long address, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        Objects.checkFromIndexSize(address, len, cells.length);
        System.arraycopy(cells, (int) address, dst, off, len);
        clock.advance(ChipTimings.readNanos(spec, len));
    }

    /** Erases the one block of one of the part's erasers that starts at {@code address} and is {@code blockSize} long. */
    public synchronized ChipStatus erase(long address, int blockSize) {
        Optional<Eraser> eraser = spec.erasers().stream()
                .filter(e -> e.blockAt(address, blockSize).isPresent()).findFirst();
        if (eraser.isEmpty()) {
            return reject();
        }
        if (isLocked(address, blockSize)) {
            return refuseLocked();
        }
        eraseCells((int) address, (int) address + blockSize);
        clock.advance(ChipTimings.eraseNanos(spec, eraser.get()));
        erases++;
        return done();
    }

    /** Programs at most {@link ChipSpec#maxProgramLength()} bytes, not crossing a boundary of that size. */
    public synchronized ChipStatus program(long address, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        int max = spec.maxProgramLength();
        if (len <= 0 || len > max || address < 0 || address + len > cells.length
                || address / max != (address + len - 1) / max) {
            return reject();
        }
        if (isLocked(address, len)) {
            return refuseLocked();
        }
        int at = (int) address;
        boolean violated = switch (spec.writeModel()) {
            case WriteModel.Bit b -> programBits(at, src, off, len);
            case WriteModel.Byte b -> programBytes(at, src, off, len);
            case WriteModel.Page p -> programPage(p.size(), false, at, src, off, len);
            case WriteModel.AutoPage a -> programPage(a.size(), true, at, src, off, len);
        };
        if (violated) {
            violations++;
        }
        clock.advance(ChipTimings.programNanos(spec, src, off, len));
        programs++;
        bytesProgrammed += len;
        return done();
    }

    /** Locks a range in hardware (a boot-block lock): erase and program touching it are refused. */
    public synchronized void protect(long offset, int size) {
        Objects.checkFromIndexSize(offset, size, cells.length);
        locked.add(new EraseBlock(offset, size));
    }

    /** Locks the part's boot block, if its row names one; returns whether it did. */
    public synchronized boolean lockBootBlock() {
        spec.bootBlock().ifPresent(b -> protect(b.offset(), b.size()));
        return spec.bootBlock().isPresent();
    }

    public synchronized ChipStatus status() {
        return status;
    }

    public synchronized byte[] contents() {
        return cells.clone();
    }

    public synchronized int erases() {
        return erases;
    }

    public synchronized int programs() {
        return programs;
    }

    public synchronized long bytesProgrammed() {
        return bytesProgrammed;
    }

    /** Commands the part did not accept (bad block, bad length or alignment); nothing changed. */
    public synchronized long rejectedCommands() {
        return rejectedCommands;
    }

    /** Commands refused because they touched a locked range; nothing changed. */
    public synchronized long protectedRefusals() {
        return protectedRefusals;
    }

    /** Program calls the write model forbids; each left some cells undefined. */
    public synchronized long violations() {
        return violations;
    }

    // --- cell rules, one per write model (architecture.md "Write models") ---

    private void eraseCells(int from, int to) {
        Arrays.fill(cells, from, to, (byte) 0xFF);
    }

    /** bit: programming can only clear bits, so the cell becomes old AND new; never a violation. */
    private boolean programBits(int at, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            cells[at + i] &= src[off + i];
        }
        return false;
    }

    /**
     * byte: a byte whose new value is 0xFF is not programmed at all (that is how a host leaves a byte
     * alone); any other byte must still be erased ("the sector must be fully erased before
     * programming", SST DS20005022), else it is left undefined.
     */
    private boolean programBytes(int at, byte[] src, int off, int len) {
        boolean violated = false;
        for (int i = 0; i < len; i++) {
            byte value = src[off + i];
            if (value == (byte) 0xFF) {
                continue;
            }
            if (cells[at + i] != (byte) 0xFF) {
                cells[at + i] = undefinedByte();
                violated = true;
            } else {
                cells[at + i] = value;
            }
        }
        return violated;
    }

    /**
     * page:N and autopage:N: a program call writes one page as a unit. A partial call leaves the rest of
     * that page undefined. A page:N part needs the page erased beforehand (else the whole page is
     * undefined); an autopage:N part erases it internally first (W29C040, AT29C0x0), so rewriting a
     * whole page is always allowed.
     */
    private boolean programPage(int pageSize, boolean autoErase, int at, byte[] src, int off, int len) {
        int page = at - at % pageSize;
        if (!autoErase && !isErased(page, pageSize)) {
            fillUndefined(page, page + pageSize);
            return true;
        }
        if (autoErase) {
            eraseCells(page, page + pageSize);
        }
        System.arraycopy(src, off, cells, at, len);
        boolean whole = at == page && len == pageSize;
        if (!whole) {
            fillUndefined(page, at);
            fillUndefined(at + len, page + pageSize);
        }
        return !whole;
    }

    private boolean isErased(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (cells[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private void fillUndefined(int from, int to) {
        for (int i = from; i < to; i++) {
            cells[i] = undefinedByte();
        }
    }

    private byte undefinedByte() {
        return (byte) undefined.nextInt(256);
    }

    private boolean isLocked(long address, long length) {
        return locked.stream().anyMatch(b -> b.overlaps(address, address + length));
    }

    private ChipStatus reject() {
        rejectedCommands++;
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
