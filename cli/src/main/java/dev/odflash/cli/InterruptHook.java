package dev.odflash.cli;

import dev.odflash.transport.ForwardingDevice;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.Device;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.util.Optional;
import java.util.Set;

/**
 * The test hook behind the hidden {@code --interrupt-at-command N[,M...]}: counts the commands the drive
 * answers (SCSI commands and chip-channel calls) and, after the Nth, asks the run to stop exactly as a
 * Ctrl-C would ({@link Interrupts#request()}), so tests can interrupt any phase of any family
 * deterministically.
 */
final class InterruptHook extends ForwardingDevice {
    private final Set<Integer> at;
    private final Interrupts interrupts;
    private final ScsiTransport scsi;
    private final Optional<ChipChannel> channel;
    private int count;

    InterruptHook(Device inner, Set<Integer> at, Interrupts interrupts) {
        super(inner);
        this.at = Set.copyOf(at);
        this.interrupts = interrupts;
        this.scsi = new CountingScsi(inner().scsi());
        this.channel = inner().chipChannel().map(CountingChannel::new);
    }

    private <T> T counted(T answer) {
        count++;
        if (at.contains(count)) {
            interrupts.request();
        }
        return answer;
    }

    private void counted() {
        counted(Boolean.TRUE);
    }


    @Override
    public ScsiTransport scsi() {
        return scsi;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return channel;
    }

    /** Register access passes through; the chip-channel calls built on it are what this hook counts. */








    private final class CountingScsi implements ScsiTransport {
        private final ScsiTransport t;

        CountingScsi(ScsiTransport t) {
            this.t = t;
        }

        @Override
        public ScsiResult execute(ScsiRequest request) throws TransportException {
            return counted(t.execute(request));
        }

        @Override
        public long maxTransferLength() {
            return t.maxTransferLength();
        }

        @Override
        public int alignmentMask() {
            return t.alignmentMask();
        }

        @Override
        public DeviceClock clock() {
            return t.clock();
        }

        @Override
        public java.lang.foreign.MemorySegment allocate(java.lang.foreign.Arena arena, long size) {
            return t.allocate(arena, size);
        }

        @Override
        public void close() {
            t.close();
        }
    }

    private final class CountingChannel implements ChipChannel {
        private final ChipChannel c;

        CountingChannel(ChipChannel c) {
            this.c = c;
        }

        @Override
        public void enter() throws TransportException {
            c.enter();
            counted();
        }

        @Override
        public void leave() throws TransportException {
            c.leave();
            counted();
        }

        @Override
        public JedecId readId() throws TransportException {
            return counted(c.readId());
        }

        @Override
        public void read(long address, byte[] destination, int offset, int length) throws TransportException {
            c.read(address, destination, offset, length);
            counted();
        }

        @Override
        public ChipStatus erase(long address, int blockSize) throws TransportException {
            return counted(c.erase(address, blockSize));
        }

        @Override
        public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
            return counted(c.program(address, source, offset, length));
        }

        @Override
        public ChipStatus status() throws TransportException {
            return counted(c.status());
        }

        @Override
        public int maxProgramLength() {
            return c.maxProgramLength();
        }

        @Override
        public int maxReadLength() {
            return c.maxReadLength();
        }

        @Override
        public void name(dev.odflash.chip.ChipSpec chip) {
            c.name(chip);
        }

        @Override
        public java.util.Optional<String> writeRefusal(dev.odflash.chip.ChipSpec chip) {
            return c.writeRefusal(chip);
        }

        @Override
        public java.util.List<dev.odflash.chip.EraseBlock> writeProtected() throws TransportException {
            return c.writeProtected();
        }

        @Override
        public void unprotect() throws TransportException {
            c.unprotect();
        }
    }
}
