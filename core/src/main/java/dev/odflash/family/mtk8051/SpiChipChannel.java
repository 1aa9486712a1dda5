package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.EraseBlock;
import dev.odflash.chip.Eraser;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The serial-flash engine of the 8051-era vendor mode (Status 0x72 or 0x73, docs/protocols.md §2.6.4): every SPI
 * command goes through the drive's mailbox (command bytes into the buffer, one transfer, received bytes read back).
 * The part is identified by REMS 0x90, and by RDID 0x9F when two rows share that REMS ID; it is written only when
 * that names exactly one row, or the user named it. Every erase and program is WREN first and ends by polling RDSR
 * until the part is idle, bounded by twice the part's maximum time: never a fixed sleep. A part whose block-protect
 * bits are set reports the locked range ({@link #writeProtected()}); the flash refuses a plan touching it before its
 * first erase unless the user allows {@link #unprotect()}.
 */
final class SpiChipChannel implements ChipChannel {
    private static final System.Logger LOG = System.getLogger("odflash.vendor");
    static final int READ_CHUNK = 256;
    static final int PAGE = 256;

    private final VendorMode mode;
    private final ChipTable chips;
    private Optional<ChipSpec> chip = Optional.empty();
    private ChipStatus last = ChipStatus.READY;

    SpiChipChannel(VendorMode mode, ChipTable chips) {
        this.mode = mode;
        this.chips = chips;
    }

    private interface Step<T> {
        T run() throws TransportException, VendorMode.ModeLost;
    }

    /** Runs one SPI sequence; when vendor mode is lost, re-enters (same key) and runs it again, bounded. */
    private <T> T inMode(Step<T> step) throws TransportException {
        for (int attempt = 0; ; attempt++) {
            try {
                return step.run();
            } catch (VendorMode.ModeLost e) {
                if (attempt >= ParallelChipChannel.REENTRIES) {
                    throw new TransportException(TransportException.Kind.OS_ERROR, e.getMessage() + "; vendor mode lost "
                            + (attempt + 1) + " times in one operation");
                }
                int n = attempt + 1;
                LOG.log(System.Logger.Level.WARNING, () -> e.getMessage() + ": re-entering vendor mode (" + n + " of "
                        + ParallelChipChannel.REENTRIES + ")");
                mode.enter();
            }
        }
    }

    /** One SPI transfer: {@code tx} sent, {@code rx} bytes received. */
    private byte[] spi(byte[] tx, int rx) throws TransportException, VendorMode.ModeLost {
        for (int i = 0; i < tx.length; i++) {
            mode.bufferWrite(i, tx[i]);
        }
        mode.transfer(tx.length, rx);
        byte[] out = new byte[rx];
        for (int i = 0; i < rx; i++) {
            out[i] = (byte) mode.bufferRead(tx.length + i);
        }
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] withAddress(int opcode, long address, int extra) {
        byte[] b = new byte[4 + extra];
        b[0] = (byte) opcode;
        b[1] = (byte) (address >> 16);
        b[2] = (byte) (address >> 8);
        b[3] = (byte) address;
        return b;
    }

    private int rdsr() throws TransportException, VendorMode.ModeLost {
        return spi(bytes(SpiOp.RDSR), 1)[0] & 0xFF;
    }

    @Override
    public void enter() {
        // the intro is the dispatching channel's (VendorChipChannel): it chose this engine by the signature
    }

    @Override
    public void leave() throws TransportException {
        mode.leave(); // every operation polled RDSR until idle before returning, so nothing is running now
    }

    @Override
    public JedecId readId() throws TransportException {
        byte[] r = inMode(() -> spi(bytes(SpiOp.REMS, 0, 0, 0), 2));
        JedecId rems = new JedecId(r[0] & 0xFF, r[1] & 0xFF);
        if (rems.manufacturer() == SpiOp.REMS && rems.device() == SpiOp.REMS) {
            throw new TransportException(TransportException.Kind.OS_ERROR, "the SPI transfer failed: REMS answered with"
                    + " its own command byte (0x90/0x90)");
        }
        List<ChipSpec> rows = RemsIds.candidates(chips, rems);
        if (rows.size() == 1) {
            chip = Optional.of(rows.getFirst());
            return chip.get().id();
        }
        if (rows.isEmpty()) {
            chip = Optional.empty();
            LOG.log(System.Logger.Level.WARNING, () -> "REMS ID " + rems + " names no serial part of the chip table");
            return rems;
        }
        byte[] d = inMode(() -> spi(bytes(SpiOp.RDID), 3));
        JedecId rdid = new JedecId(d[0] & 0xFF, (d[1] & 0xFF) << 8 | d[2] & 0xFF);
        List<ChipSpec> matching = rows.stream().filter(c -> c.id().equals(rdid)).toList();
        if (matching.size() == 1) {
            chip = Optional.of(matching.getFirst());
            return rdid;
        }
        chip = Optional.empty();
        String names = String.join(", ", rows.stream().map(ChipSpec::name).toList());
        LOG.log(System.Logger.Level.WARNING, () -> "REMS ID " + rems + " is shared by " + names + " and RDID answered "
                + rdid + ": the part is ambiguous; erase and program are refused until the part is named");
        return rems;
    }

    @Override
    public void read(long address, byte[] destination, int offset, int length) throws TransportException {
        if (length < 0 || length > ParallelChipChannel.MAX_READ) {
            throw new IllegalArgumentException("read of " + length + " bytes; at most " + ParallelChipChannel.MAX_READ);
        }
        for (int done = 0; done < length; ) {
            int n = Math.min(READ_CHUNK, length - done);
            long at = address + done;
            byte[] got = inMode(() -> spi(withAddress(SpiOp.READ, at, 0), n));
            System.arraycopy(got, 0, destination, offset + done, n);
            done += n;
        }
    }

    private ChipSpec writable() throws TransportException {
        return chip.orElseThrow(() -> new TransportException(TransportException.Kind.OS_ERROR,
                "refused: the flash part was not identified, and odflash never writes an unidentified part"));
    }

    /** WREN, then RDSR until the write-enable latch is set (bounded). */
    private void writeEnable() throws TransportException, VendorMode.ModeLost {
        for (int i = 0; i < 16; i++) {
            spi(bytes(SpiOp.WREN), 0);
            if ((rdsr() & SpiOp.WEL) != 0) {
                return;
            }
        }
        throw new TransportException(TransportException.Kind.OS_ERROR, "the serial part does not set its write-enable"
                + " latch after WREN (RDSR read 16 times)");
    }

    /** Polls RDSR until write-in-progress clears; false after {@code limitNanos}. */
    private boolean waitIdle(long limitNanos) throws TransportException, VendorMode.ModeLost {
        long deadline = mode.clock().elapsed().toNanos() + limitNanos;
        while (true) {
            if ((rdsr() & SpiOp.WIP) == 0) {
                return true;
            }
            if (mode.clock().elapsed().toNanos() > deadline) {
                return false;
            }
            mode.clock().sleep(Duration.ofNanos(1_000));
        }
    }

    private static long limit(double maxMicros) {
        return Math.round(maxMicros * 1000 * 2) + 1_000_000;
    }

    @Override
    public ChipStatus erase(long address, int blockSize) throws TransportException {
        ChipSpec spec = writable();
        boolean whole = blockSize == spec.size() && spec.chipEraser().isPresent();
        Optional<Eraser> eraser = whole ? spec.chipEraser() : spec.erasers().stream()
                .filter(e -> e.blockAt(address, blockSize).isPresent()).findFirst();
        int opcode = whole ? SpiOp.chipErase(spec) : SpiOp.blockErase(blockSize);
        if (eraser.isEmpty() || opcode < 0) {
            return last = new ChipStatus(false, true, false);
        }
        long limit = limit(eraser.get().time().maximumMicros());
        last = inMode(() -> {
            writeEnable();
            spi(whole ? bytes(opcode) : withAddress(opcode, address, 0), 0);
            return waitIdle(limit) ? ChipStatus.READY : new ChipStatus(false, true, false);
        });
        if (last.equals(ChipStatus.READY) && !erased(address, blockSize)) {
            // a serial part of this era has no erase-fail bit: WIP clears whether or not the cells erased (a worn
            // block), so the block is read back, as flashrom checks every erase (flashrom's check_erased_range);
            // programming over cells that did not erase would leave wrong bytes the verify finds only later
            last = new ChipStatus(false, true, false);
        }
        return last;
    }

    /** Reads the block back: true when every byte is 0xFF. */
    private boolean erased(long address, long length) throws TransportException {
        byte[] chunk = new byte[ParallelChipChannel.MAX_READ];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(chunk.length, length - done);
            read(address + done, chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] != (byte) 0xFF) {
                    return false;
                }
            }
            done += n;
        }
        return true;
    }

    @Override
    public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
        ChipSpec spec = writable();
        long limit = limit(spec.programTime().maximumMicros());
        last = switch (SpiOp.program(spec)) {
            case PAGE -> inMode(() -> {
                if (address / PAGE != (address + length - 1) / PAGE) {
                    throw new IllegalArgumentException("a page program crosses a 256-byte page");
                }
                byte[] tx = withAddress(SpiOp.PAGE_PROGRAM, address, length);
                System.arraycopy(source, offset, tx, 4, length);
                writeEnable();
                spi(tx, 0);
                return waitIdle(limit) ? ChipStatus.READY : new ChipStatus(false, true, false);
            });
            case BYTE -> bytewise(address, source, offset, length, limit);
            case AAI_BYTE -> inMode(() -> aai(address, source, offset, length, 1, limit));
            case AAI_WORD -> inMode(() -> aai(address, source, offset, length, 2, limit));
        };
        return last;
    }

    private ChipStatus bytewise(long address, byte[] source, int offset, int length, long limit) throws TransportException {
        for (int i = 0; i < length; i++) {
            int value = source[offset + i] & 0xFF;
            if (value == 0xFF) {
                continue; // programming 0xFF changes no cell; the read-back compares every byte
            }
            long at = address + i;
            ChipStatus s = inMode(() -> {
                byte[] tx = withAddress(SpiOp.PAGE_PROGRAM, at, 1);
                tx[4] = (byte) value;
                writeEnable();
                spi(tx, 0);
                return waitIdle(limit) ? ChipStatus.READY : new ChipStatus(false, true, false);
            });
            if (!s.equals(ChipStatus.READY)) {
                return s;
            }
        }
        return ChipStatus.READY;
    }

    /**
     * SST's auto address increment: the first command carries the address, each next one only data; WRDI ends it.
     * The word-wide form starts on an even address and takes two bytes a command: an odd edge is padded with 0xFF,
     * which burns no bit.
     */
    private ChipStatus aai(long address, byte[] source, int offset, int length, int width, long limit)
            throws TransportException, VendorMode.ModeLost {
        long start = address - address % width;
        long end = address + length;
        end += (width - end % width) % width;
        writeEnable();
        boolean ok = true;
        for (long at = start; at < end && ok; at += width) {
            byte[] data = new byte[width];
            for (int k = 0; k < width; k++) {
                long a = at + k;
                data[k] = a >= address && a < address + length ? source[offset + (int) (a - address)] : (byte) 0xFF;
            }
            byte[] tx;
            if (at == start) {
                tx = withAddress(width == 1 ? SpiOp.AAI_BYTE : SpiOp.AAI_WORD, at, width);
                System.arraycopy(data, 0, tx, 4, width);
            } else {
                tx = new byte[1 + width];
                tx[0] = (byte) (width == 1 ? SpiOp.AAI_BYTE : SpiOp.AAI_WORD);
                System.arraycopy(data, 0, tx, 1, width);
            }
            spi(tx, 0);
            ok = waitIdle(limit);
        }
        spi(bytes(SpiOp.WRDI), 0);
        ok &= waitIdle(limit);
        return ok ? ChipStatus.READY : new ChipStatus(false, true, false);
    }

    @Override
    public List<EraseBlock> writeProtected() throws TransportException {
        ChipSpec spec = writable();
        int status = inMode(this::rdsr);
        return BlockProtect.locked(spec, status);
    }

    /** WREN (and EWSR on SST 25-series parts), WRSR 00, then RDSR must show no BP bit left. */
    @Override
    public void unprotect() throws TransportException {
        ChipSpec spec = writable();
        int after = inMode(() -> {
            writeEnable();
            if (SpiOp.sst(spec)) {
                spi(bytes(SpiOp.EWSR), 0);
            }
            spi(bytes(SpiOp.WRSR, 0x00), 0);
            waitIdle(limit(15_000));
            return rdsr();
        });
        if ((after & SpiOp.BP_MASK) != 0) {
            throw new TransportException(TransportException.Kind.OS_ERROR, String.format("the part's status register"
                    + " still reads 0x%02X after WRSR 00: a lock WRSR cannot clear (SRWD with the WP# pin low) needs a"
                    + " hardware unlock", after));
        }
    }

    @Override
    public void name(ChipSpec named) {
        if (chip.isEmpty()) {
            chip = Optional.of(named);
        }
    }

    @Override
    public ChipStatus status() {
        return last;
    }

    @Override
    public int maxProgramLength() {
        return chip.map(ChipSpec::maxProgramLength).orElse(PAGE);
    }

    @Override
    public int maxReadLength() {
        return ParallelChipChannel.MAX_READ;
    }
}
