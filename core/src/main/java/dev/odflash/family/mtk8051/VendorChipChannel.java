package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTable;
import dev.odflash.chip.EraseBlock;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.Optional;

/**
 * The host's vendor-mode chip channel on a drive's task-file registers (docs/protocols.md §2.6): {@link #enter()}
 * sends the intro, and the signature it is answered with picks the engine, {@link ParallelChipChannel} for 0x70,
 * {@link SpiChipChannel} for 0x72 and 0x73. The engine (and the part it identified or was named) is kept across
 * re-entries while the signature stays the same.
 */
final class VendorChipChannel implements ChipChannel {
    private final VendorMode mode;
    private final ChipTable chips;
    private final TaskFile.Pacing pacing;
    private Optional<ChipChannel> engine = Optional.empty();
    private int engineSignature = -1;
    private Optional<ChipSpec> named = Optional.empty();

    VendorChipChannel(TaskFile registers, ChipTable chips, dev.odflash.transport.UserActions user) {
        this.mode = new VendorMode(registers, VendorKey.GENERIC, VendorMode.MASTER, user);
        this.chips = chips;
        this.pacing = registers.pacing();
    }

    private ChipChannel engine() throws TransportException {
        return engine.orElseThrow(() -> new TransportException(TransportException.Kind.OS_ERROR, "not in vendor mode"));
    }

    @Override
    public void enter() throws TransportException {
        mode.enter();
        int signature = mode.signature();
        if (engine.isEmpty() || signature != engineSignature) {
            ChipChannel next = signature == VendorStatus.PARALLEL ? new ParallelChipChannel(mode, chips, pacing)
                    : new SpiChipChannel(mode, chips);
            named.ifPresent(next::name);
            engine = Optional.of(next);
            engineSignature = signature;
        }
        engine.get().enter();
    }

    @Override
    public void leave() throws TransportException {
        engine().leave();
    }

    @Override
    public JedecId readId() throws TransportException {
        return engine().readId();
    }

    @Override
    public void read(long address, byte[] destination, int offset, int length) throws TransportException {
        engine().read(address, destination, offset, length);
    }

    @Override
    public ChipStatus erase(long address, int blockSize) throws TransportException {
        return engine().erase(address, blockSize);
    }

    @Override
    public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
        return engine().program(address, source, offset, length);
    }

    @Override
    public ChipStatus status() throws TransportException {
        return engine().status();
    }

    @Override
    public int maxProgramLength() {
        return engine.map(ChipChannel::maxProgramLength).orElse(256);
    }

    @Override
    public int maxReadLength() {
        return ParallelChipChannel.MAX_READ;
    }

    @Override
    public void name(ChipSpec chip) {
        named = Optional.of(chip);
        engine.ifPresent(e -> e.name(chip));
    }

    /** The path's rule, whichever engine the intro picks (autopage parts are parallel ones). */
    @Override
    public Optional<String> writeRefusal(ChipSpec chip) {
        return RegisterPathWrites.refusal(chip, pacing);
    }

    @Override
    public List<EraseBlock> writeProtected() throws TransportException {
        return engine().writeProtected();
    }

    @Override
    public void unprotect() throws TransportException {
        engine().unprotect();
    }
}
