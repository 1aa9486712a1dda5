package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.Eraser;
import dev.odflash.chip.WriteModel;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Optional;

/**
 * The parallel-flash engine of the 8051-era vendor mode (Status 0x70, docs/protocols.md §2.6.3): the host issues the
 * part's JEDEC command set itself through the byte write command, and reads through the byte read command.
 * Completion is Data# polling (DQ7 shows the complement of the data until the operation ends, DQ5 marks a time-out),
 * bounded by the part's maximum time, never a fixed sleep. A part is written only when its JEDEC IDs name a chip
 * table row; when autoselect does not take (the ID bytes equal the array's bytes at 0 and 1, the seed drive's
 * "Unknown Flash Memory"), the other unlock pair is tried before the part is reported unknown.
 *
 * <p>When the drive drops out of vendor mode (a bus reset), the channel re-enters with the same key and repeats the
 * byte sequence it was in, at most {@link #REENTRIES} times per call.
 */
final class ParallelChipChannel implements ChipChannel {
    private static final System.Logger LOG = System.getLogger("odflash.vendor");
    static final int REENTRIES = 3;
    static final int MAX_READ = 0x10000;

    private final VendorMode mode;
    private final ChipTable chips;
    private final TaskFile.Pacing pacing;
    private Optional<ChipSpec> chip = Optional.empty();
    private UnlockPair pair = UnlockPair.FULL;
    private ChipStatus last = ChipStatus.READY;
    private boolean inside;

    ParallelChipChannel(VendorMode mode, ChipTable chips, TaskFile.Pacing pacing) {
        this.mode = mode;
        this.chips = chips;
        this.pacing = pacing;
    }

    private interface Step<T> {
        T run() throws TransportException, VendorMode.ModeLost;
    }

    /** Runs one byte sequence; when vendor mode is lost, re-enters (same key) and runs it again, bounded. */
    private <T> T inMode(Step<T> step) throws TransportException {
        for (int attempt = 0; ; attempt++) {
            try {
                return step.run();
            } catch (VendorMode.ModeLost e) {
                if (attempt >= REENTRIES) {
                    throw new TransportException(TransportException.Kind.OS_ERROR, e.getMessage() + "; vendor mode lost "
                            + (attempt + 1) + " times in one operation");
                }
                int n = attempt + 1;
                LOG.log(System.Logger.Level.WARNING, () -> e.getMessage() + ": re-entering vendor mode (" + n + " of " + REENTRIES + ")");
                mode.enter();
                readMode();
            }
        }
    }

    /** The intro is the dispatching channel's ({@link VendorChipChannel}): it chose this engine by the signature. */
    @Override
    public void enter() {
        inside = true;
    }

    @Override
    public void leave() throws TransportException {
        inside = false;
        mode.leave(); // every operation polled its completion before returning, so nothing is running now
    }

    @Override
    public JedecId readId() throws TransportException {
        int array0 = inMode(() -> mode.readByte(0) & 0xFF);
        int array1 = inMode(() -> mode.readByte(1) & 0xFF);
        for (UnlockPair tried : new UnlockPair[] {UnlockPair.FULL, UnlockPair.SHORT}) {
            JedecId id = inMode(() -> autoselect(tried));
            if (id.manufacturer() == array0 && id.device() == array1) {
                LOG.log(System.Logger.Level.WARNING, () -> String.format("autoselect with unlock pair %s did not take:"
                        + " the ID bytes 0x%02X/0x%02X are the array's bytes at 0 and 1", tried, array0, array1));
                continue;
            }
            pair = tried;
            chip = chips.byId(id);
            chip.flatMap(c -> UnlockPair.of(c.name())).filter(p -> !p.equals(tried)).ifPresent(p ->
                    LOG.log(System.Logger.Level.WARNING, () -> "the part answered unlock pair " + tried
                            + " though its chip row records " + p));
            return id;
        }
        LOG.log(System.Logger.Level.WARNING, () -> String.format("Unknown Flash Memory: neither unlock pair took"
                + " (ID bytes = array bytes 0x%02X/0x%02X); the part is not written", array0, array1));
        chip = Optional.empty();
        return new JedecId(array0, array1);
    }

    private JedecId autoselect(UnlockPair p) throws TransportException, VendorMode.ModeLost {
        unlock(p);
        mode.writeByte(p.first(), 0x90);
        int m = mode.readByte(0) & 0xFF;
        if (m == 0x7F) { // a continuation code: the bank's manufacturer byte follows (inference, docs/protocols.md §2.6.3)
            m = 0x7F00 | (mode.readByte(0x100) & 0xFF);
        }
        int d = mode.readByte(1) & 0xFF;
        if (d == 0x7F) {
            d = 0x7F00 | (mode.readByte(0x101) & 0xFF);
        }
        unlock(p);
        mode.writeByte(p.first(), 0xF0);
        mode.writeByte(0, 0xF0);
        return new JedecId(m, d);
    }

    private void unlock(UnlockPair p) throws TransportException, VendorMode.ModeLost {
        mode.writeByte(p.first(), 0xAA);
        mode.writeByte(p.second(), 0x55);
    }

    /**
     * After a re-entry the part may still wait for a program's data byte (the mode was lost right after AA/55/A0):
     * a 0xFF first is a program that burns no bit, then F0 returns it to read mode. An F0 first would be programmed.
     */
    private void readMode() throws TransportException {
        try {
            mode.writeByte(0, 0xFF);
            mode.writeByte(0, 0xF0);
        } catch (VendorMode.ModeLost e) {
            throw new TransportException(TransportException.Kind.OS_ERROR, e.getMessage() + " right after re-entering vendor mode");
        }
    }

    @Override
    public void read(long address, byte[] destination, int offset, int length) throws TransportException {
        if (length < 0 || length > MAX_READ) {
            throw new IllegalArgumentException("read of " + length + " bytes; at most " + MAX_READ);
        }
        for (int i = 0; i < length; i++) {
            long at = address + i;
            destination[offset + i] = inMode(() -> mode.readByte(at));
        }
    }

    @Override
    public Optional<String> writeRefusal(ChipSpec spec) {
        return RegisterPathWrites.refusal(spec, pacing);
    }

    private ChipSpec writable() throws TransportException {
        if (!inside) {
            throw new TransportException(TransportException.Kind.OS_ERROR, "not in vendor mode");
        }
        ChipSpec spec = chip.orElseThrow(() -> new TransportException(TransportException.Kind.OS_ERROR,
                "refused: the flash part was not identified, and odflash never writes an unidentified part"));
        Optional<String> refusal = RegisterPathWrites.refusal(spec, pacing);
        if (refusal.isPresent()) {
            throw new TransportException(TransportException.Kind.OS_ERROR, "refused: " + refusal.get());
        }
        return spec;
    }

    @Override
    public ChipStatus erase(long address, int blockSize) throws TransportException {
        ChipSpec spec = writable();
        boolean whole = blockSize == spec.size() && spec.chipEraser().isPresent();
        // JEDEC sector erase (0x30) erases the part's smallest block; the chip command (0x10) the whole part
        Optional<Eraser> eraser = whole ? spec.chipEraser() : Optional.of(spec.smallestEraser())
                .filter(e -> e.blockAt(address, blockSize).isPresent());
        if (eraser.isEmpty()) {
            return last = new ChipStatus(false, true, false);
        }
        long limit = Math.round(eraser.get().time().maximumMicros() * 1000 * 2);
        last = inMode(() -> {
            unlock(pair);
            mode.writeByte(pair.first(), 0x80);
            unlock(pair);
            if (whole) {
                mode.writeByte(pair.first(), 0x10);
            } else {
                mode.writeByte(address, 0x30);
            }
            return dataPoll(address, 0xFF, limit);
        });
        return last;
    }

    @Override
    public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
        ChipSpec spec = writable();
        long limit = Math.round(spec.programTime().maximumMicros() * 1000 * 2) + 1_000_000;
        if (spec.writeModel() instanceof WriteModel.AutoPage) {
            // the whole page is loaded in one window after one unlock (the part programs it as one)
            last = inMode(() -> {
                unlock(pair);
                mode.writeByte(pair.first(), 0xA0);
                for (int i = 0; i < length; i++) {
                    mode.writeByte(address + i, source[offset + i] & 0xFF);
                }
                return dataPoll(address + length - 1, source[offset + length - 1] & 0xFF, limit);
            });
            return last;
        }
        for (int i = 0; i < length; i++) {
            int value = source[offset + i] & 0xFF;
            if (value == 0xFF) {
                continue; // programming 0xFF changes no cell; the read-back compares every byte
            }
            long at = address + i;
            ChipStatus s = inMode(() -> {
                unlock(pair);
                mode.writeByte(pair.first(), 0xA0);
                mode.writeByte(at, value);
                return dataPoll(at, value, limit);
            });
            if (!s.equals(ChipStatus.READY)) {
                return last = s;
            }
        }
        return last = ChipStatus.READY;
    }

    /**
     * Data# polling: reads the address until it holds the expected byte. DQ5 set while DQ7 still differs is the
     * part's time-out: one more read decides, then the part is reset to read mode and the operation failed.
     */
    private ChipStatus dataPoll(long address, int expected, long limitNanos) throws TransportException, VendorMode.ModeLost {
        long deadline = mode.clock().elapsed().toNanos() + limitNanos;
        while (true) {
            int v = mode.readByte(address) & 0xFF;
            if (v == expected) {
                return ChipStatus.READY;
            }
            boolean timedOut = (v & 0x20) != 0 && ((v ^ expected) & 0x80) != 0;
            if (timedOut || mode.clock().elapsed().toNanos() > deadline) {
                if ((mode.readByte(address) & 0xFF) == expected) {
                    return ChipStatus.READY;
                }
                mode.writeByte(0, 0xF0);
                return new ChipStatus(false, true, false);
            }
            mode.clock().sleep(Duration.ofNanos(1_000));
        }
    }

    /** A part the user named (never a guess): written by that row, with its unlock pair where the table records one. */
    @Override
    public void name(ChipSpec named) {
        if (chip.isEmpty()) {
            chip = Optional.of(named);
            UnlockPair.of(named.name()).ifPresent(p -> pair = p);
        }
    }

    @Override
    public ChipStatus status() {
        return last;
    }

    @Override
    public int maxProgramLength() {
        return chip.map(ChipSpec::maxProgramLength).orElse(256);
    }

    @Override
    public int maxReadLength() {
        return MAX_READ;
    }
}
