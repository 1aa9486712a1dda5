package dev.odflash.nativeio.flashrom;

import dev.odflash.chip.ChipSpec;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TransportException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The chip channel of a {@code flashrom:} device. libflashrom has no call that erases or programs one block
 * and decides the erases inside a region itself, so odflash's plan chooses the regions instead: each erase and
 * program of a plan step lands in a shadow of the chip (erase sets 0xFF, program ANDs, as NOR cells do), and
 * the step's regions, aligned to the chip's smallest erase block, go to libflashrom as one image_write at the
 * step's end (the executor asks {@link #status()}; a read or leaving flushes too). The reference buffer is a read of those regions taken in the same run, just before the
 * step's first operation (libflashrom trusts it to decide what to erase, so it is never a stale copy).
 */
public final class FlashromChipChannel implements ChipChannel {
    private static final int READ_CHUNK = 64 * 1024;
    private static final int PROGRAM_WINDOW = 256;

    private final ProgrammerSession session;
    private final int chipSize;
    private int alignment = 4096;
    private final byte[] shadow;
    private final byte[] reference;
    private final byte[] scratch;
    private final List<long[]> dirty = new ArrayList<>();

    FlashromChipChannel(ProgrammerSession session) {
        this.session = session;
        this.chipSize = Math.toIntExact(session.size());
        this.shadow = new byte[chipSize];
        this.reference = new byte[chipSize];
        this.scratch = new byte[chipSize];
    }

    @Override
    public void name(ChipSpec chip) {
        alignment = chip.smallestEraser().smallestBlock();
    }

    @Override
    public void enter() {
        // a clip has no mode to enter: the programmer was opened with the device
    }

    @Override
    public void leave() throws TransportException {
        flush();
    }

    @Override
    public JedecId readId() throws TransportException {
        throw new TransportException(TransportException.Kind.NOT_SCSI,
                "libflashrom names the chip it probed but gives no JEDEC ID call");
    }

    @Override
    public void read(long address, byte[] destination, int offset, int length) throws TransportException {
        flush();
        checkRange(address, length);
        session.read(address, length, scratch);
        System.arraycopy(scratch, (int) address, destination, offset, length);
    }

    @Override
    public ChipStatus erase(long address, int blockSize) throws TransportException {
        checkRange(address, blockSize);
        touch(address, blockSize);
        Arrays.fill(shadow, (int) address, (int) address + blockSize, (byte) 0xFF);
        return ChipStatus.READY;
    }

    @Override
    public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
        checkRange(address, length);
        touch(address, length);
        for (int i = 0; i < length; i++) {
            shadow[(int) address + i] &= source[offset + i]; // programming only clears bits
        }
        return ChipStatus.READY;
    }

    @Override
    public ChipStatus status() throws TransportException {
        flush();
        return ChipStatus.READY;
    }

    @Override
    public int maxProgramLength() {
        return PROGRAM_WINDOW;
    }

    @Override
    public int maxReadLength() {
        return Math.min(READ_CHUNK, chipSize);
    }

    /** Makes the aligned blocks around a range part of the pending step, reading them fresh the first time. */
    private void touch(long address, int length) throws TransportException {
        long start = address / alignment * alignment;
        long end = Math.min(chipSize, (address + length + alignment - 1) / alignment * alignment);
        long block = start;
        while (block < end) {
            if (pending(block)) {
                block += alignment;
                continue;
            }
            long runEnd = block;
            while (runEnd < end && !pending(runEnd)) {
                runEnd += alignment;
            }
            int n = (int) (Math.min(runEnd, chipSize) - block);
            session.read(block, n, reference); // one read per run of new blocks
            System.arraycopy(reference, (int) block, shadow, (int) block, n);
            addDirty(block, n);
            block = runEnd;
        }
    }

    private boolean pending(long block) {
        for (long[] r : dirty) {
            if (block >= r[0] && block < r[0] + r[1]) {
                return true;
            }
        }
        return false;
    }

    private void addDirty(long block, int n) {
        if (!dirty.isEmpty()) {
            long[] last = dirty.getLast();
            if (last[0] + last[1] == block) {
                last[1] += n;
                return;
            }
        }
        dirty.add(new long[]{block, n});
    }

    /** Writes the pending step; on failure re-reads its regions to say whether the chip changed. */
    private void flush() throws TransportException {
        if (dirty.isEmpty()) {
            return;
        }
        List<long[]> regions = List.copyOf(dirty);
        dirty.clear();
        try {
            session.write(regions, shadow, reference);
        } catch (LibraryFailure e) {
            // libflashrom's own lines first, labelled; odflash's re-read is the conclusion
            throw new TransportException(e.kind(), e.what() + e.relayed() + "; odflash's verdict, "
                    + changed(regions));
        } catch (TransportException e) {
            throw new TransportException(e.kind(), e.getMessage() + "; odflash's verdict, "
                    + changed(regions));
        }
    }

    private String changed(List<long[]> regions) {
        try {
            byte[] now = new byte[chipSize];
            for (long[] r : regions) {
                session.read(r[0], (int) r[1], now);
                if (!Arrays.equals(now, (int) r[0], (int) (r[0] + r[1]), reference, (int) r[0], (int) (r[0] + r[1]))) {
                    return "re-read: the chip changed in 0x" + Long.toHexString(r[0]) + "-0x"
                            + Long.toHexString(r[0] + r[1] - 1) + ", so it holds neither image there: do not put it"
                            + " back in the drive before the flash is finished or the backup restored";
                }
            }
            return "re-read: the chip is unchanged in the regions written (they still hold what they held before"
                    + " this write); find why the programmer failed before running again";
        } catch (TransportException again) {
            return "the chip could not be re-read to see whether it changed (" + again.getMessage() + ")";
        }
    }

    private void checkRange(long address, long length) throws TransportException {
        if (address < 0 || length < 0 || address + length > chipSize) {
            throw new TransportException(TransportException.Kind.BAD_BUFFER, "0x" + Long.toHexString(address) + "+"
                    + length + " is outside the " + chipSize + "-byte chip");
        }
    }
}
