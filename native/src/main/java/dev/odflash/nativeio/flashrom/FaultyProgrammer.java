package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.TransportException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fault decorator around a libflashrom session ({@link FaultPlan}): after a cut every call fails as a
 * programmer without power would, until the session is closed (which still shuts the dummy down, so its
 * {@code image=} file holds what the cut left). A refused erase or ignored programs keep the session alive.
 */
final class FaultyProgrammer implements ProgrammerSession {
    private static final int BLOCK = 4096;

    private final ProgrammerSession inner;
    private final FaultPlan plan;
    private int writes;
    private boolean powerLost;
    private boolean protectedRange;

    FaultyProgrammer(ProgrammerSession inner, FaultPlan plan) {
        this.inner = inner;
        this.plan = plan;
        this.protectedRange = plan.protectLength() > 0;
    }

    @Override
    public void write(List<long[]> regions, byte[] target, byte[] reference) throws TransportException {
        alive();
        writes++;
        requireFreshReference(regions, reference);
        refuseProtected(regions);
        if (writes == plan.cutBeforeWrite()) {
            throw cut("before region write " + writes);
        }
        if (writes == plan.cutInsideWrite()) {
            inner.write(regions, halfDone(regions, target, reference, true), reference);
            throw cut("inside region write " + writes);
        }
        if (writes == plan.eraseFailWrite()) {
            // the session keeps its power: the channel's re-read after the failure sees what really changed
            inner.write(regions, halfDone(regions, target, reference, false), reference);
            throw new TransportException(TransportException.Kind.OS_ERROR, "libflashrom's write failed: an erase in"
                    + " region write " + writes + " was refused (odflash_fault)");
        }
        if (writes == plan.programIgnoredWrite()) {
            inner.write(regions, erasedOnly(regions, target, reference), reference);
            return; // as the ignored opcode: no error, only odflash's own read-back can tell
        }
        inner.write(regions, target, reference);
    }

    /** A locked chip ignores erases and programs there; libflashrom then fails the write. Nothing is sent. */
    private void refuseProtected(List<long[]> regions) throws TransportException {
        if (!protectedRange) {
            return;
        }
        long end = plan.protectStart() + plan.protectLength();
        for (long[] r : regions) {
            if (r[0] < end && plan.protectStart() < r[0] + r[1]) {
                throw new TransportException(TransportException.Kind.OS_ERROR, "libflashrom's write failed: region write "
                        + writes + " reaches the write-protected range (odflash_fault)");
            }
        }
    }

    /**
     * The campaign's violation check: libflashrom trusts the reference blindly (issue 15 §2), so a reference that
     * is not the chip's contents would leave bits it never erased. Only runs under odflash_fault (one extra read).
     */
    private void requireFreshReference(List<long[]> regions, byte[] reference) throws TransportException {
        byte[] now = new byte[reference.length];
        for (long[] r : regions) {
            inner.read(r[0], (int) r[1], now);
            if (!Arrays.equals(now, (int) r[0], (int) (r[0] + r[1]), reference, (int) r[0], (int) (r[0] + r[1]))) {
                throw new TransportException(TransportException.Kind.OS_ERROR, "stale reference: region write " + writes
                        + " at 0x" + Long.toHexString(r[0]) + " was given contents the chip does not hold (odflash_fault check)");
            }
        }
    }

    /**
     * The target up to the middle block; with {@code halfProgrammed} that block erased and half programmed (a cut
     * inside it), else left as it was (its erase refused); the blocks after it as they were.
     */
    private static byte[] halfDone(List<long[]> regions, byte[] target, byte[] reference, boolean halfProgrammed) {
        byte[] partial = reference.clone();
        long total = regions.stream().mapToLong(r -> r[1]).sum();
        long middle = total / 2 / BLOCK * BLOCK;
        long seen = 0;
        for (long[] r : regions) {
            for (long at = r[0]; at < r[0] + r[1]; at += BLOCK) {
                int n = (int) Math.min(BLOCK, r[0] + r[1] - at);
                if (seen < middle) {
                    System.arraycopy(target, (int) at, partial, (int) at, n);
                } else if (seen == middle && halfProgrammed) {
                    Arrays.fill(partial, (int) at, (int) at + n, (byte) 0xFF);
                    System.arraycopy(target, (int) at, partial, (int) at, n / 2);
                }
                seen += n;
            }
        }
        return partial;
    }

    /** Every block the target changes erased and left blank: erases worked, the programs did nothing. */
    private static byte[] erasedOnly(List<long[]> regions, byte[] target, byte[] reference) {
        byte[] blank = reference.clone();
        for (long[] r : regions) {
            for (long at = r[0]; at < r[0] + r[1]; at += BLOCK) {
                int end = (int) Math.min(at + BLOCK, r[0] + r[1]);
                if (!Arrays.equals(target, (int) at, end, reference, (int) at, end)) {
                    Arrays.fill(blank, (int) at, end, (byte) 0xFF);
                }
            }
        }
        return blank;
    }

    private TransportException cut(String where) {
        powerLost = true;
        return new TransportException(TransportException.Kind.NO_ANSWER, "programmer lost power " + where
                + " (odflash_fault)");
    }

    private void alive() throws TransportException {
        if (powerLost) {
            throw new TransportException(TransportException.Kind.NO_ANSWER, "programmer without power (odflash_fault)");
        }
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public void read(long start, int length, byte[] into) throws TransportException {
        alive();
        inner.read(start, length, into);
    }

    @Override
    public void observe(int level, Consumer<String> lines) {
        inner.observe(level, lines);
    }

    @Override
    public String programmer() {
        return inner.programmer();
    }

    @Override
    public Probed probe(Optional<String> flashromName) throws TransportException {
        alive();
        return inner.probe(flashromName);
    }

    @Override
    public Protection protection() throws TransportException {
        alive();
        if (plan.protectLength() > 0) {
            return protectedRange
                    ? new Protection(true, "hardware", plan.protectStart(), plan.protectLength(), "odflash_fault wp")
                    : new Protection(true, "disabled", 0, 0, "odflash_fault wp, cleared");
        }
        return inner.protection();
    }

    @Override
    public void unprotect() throws TransportException {
        alive();
        if (plan.protectLength() > 0) {
            protectedRange = false;
            return;
        }
        inner.unprotect();
    }

    @Override
    public Erased erased() {
        return inner.erased();
    }

    @Override
    public void close() {
        inner.close();
    }
}
