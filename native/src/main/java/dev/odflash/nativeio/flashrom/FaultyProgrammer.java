package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.TransportException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fault decorator around a libflashrom session ({@link FaultPlan}): after the cut every call fails as a
 * programmer without power would, until the session is closed (which still shuts the dummy down, so its
 * {@code image=} file holds what the cut left).
 */
final class FaultyProgrammer implements ProgrammerSession {
    private static final int BLOCK = 4096;

    private final ProgrammerSession inner;
    private final FaultPlan plan;
    private int writes;
    private boolean powerLost;

    FaultyProgrammer(ProgrammerSession inner, FaultPlan plan) {
        this.inner = inner;
        this.plan = plan;
    }

    @Override
    public void write(List<long[]> regions, byte[] target, byte[] reference) throws TransportException {
        alive();
        writes++;
        if (writes == plan.cutBeforeWrite()) {
            throw cut("before region write " + writes);
        }
        if (writes == plan.cutInsideWrite()) {
            inner.write(regions, halfDone(regions, target, reference), reference);
            throw cut("inside region write " + writes);
        }
        inner.write(regions, target, reference);
    }

    /** The target up to the middle block, that block half programmed after its erase, the rest as it was. */
    private static byte[] halfDone(List<long[]> regions, byte[] target, byte[] reference) {
        byte[] partial = reference.clone();
        long total = regions.stream().mapToLong(r -> r[1]).sum();
        long middle = total / 2 / BLOCK * BLOCK;
        long seen = 0;
        for (long[] r : regions) {
            for (long at = r[0]; at < r[0] + r[1]; at += BLOCK) {
                int n = (int) Math.min(BLOCK, r[0] + r[1] - at);
                if (seen < middle) {
                    System.arraycopy(target, (int) at, partial, (int) at, n);
                } else if (seen == middle) {
                    Arrays.fill(partial, (int) at, (int) at + n, (byte) 0xFF);
                    System.arraycopy(target, (int) at, partial, (int) at, n / 2);
                }
                seen += n;
            }
        }
        return partial;
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
        return inner.protection();
    }

    @Override
    public void unprotect() throws TransportException {
        alive();
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
