package dev.odflash.transport.trace;

import dev.odflash.transport.ForwardingDevice;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiTransport;

import java.io.IOException;
import java.util.Optional;

/** A device whose every SCSI command and chip-channel call is written to a trace (`--trace FILE`). */
public final class TracingDevice extends ForwardingDevice {
    private final TraceWriter trace;
    private final ScsiTransport scsi;
    private final Optional<ChipChannel> channel;
    private final Optional<TracingTaskFile> registers;
    private final boolean ownsTrace;

    public TracingDevice(Device inner, TraceWriter trace) {
        this(inner, trace, true);
    }

    /**
     * @param ownsTrace whether closing the device closes the trace; false when the trace belongs to the
     *                  whole run (one trace file for every drive a command opens, e.g. doctor)
     */
    public TracingDevice(Device inner, TraceWriter trace, boolean ownsTrace) {
        this(inner, trace, ownsTrace, false);
    }

    /**
     * @param everyRegister whether every task-file access is a register line; otherwise only those of the intro,
     *                      the ID and the outro are (a full flash is millions of accesses)
     */
    public TracingDevice(Device inner, TraceWriter trace, boolean ownsTrace, boolean everyRegister) {
        super(inner);
        this.trace = trace;
        this.ownsTrace = ownsTrace;
        this.scsi = new TracingScsiTransport(inner().scsi(), trace);
        this.channel = inner().chipChannel().map(c -> new TracingChipChannel(c, trace));
        this.registers = inner().taskFile().map(t -> new TracingTaskFile(t, trace, everyRegister));
        ScsiTransport path = inner().scsi();
        trace.header(path.maxTransferLength(), path.alignmentMask(), inner().clock().simulated(), // before any command
                inner().clock().timescale());
    }


    @Override
    public ScsiTransport scsi() {
        return scsi;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return channel;
    }

    @Override
    public Optional<dev.odflash.transport.TaskFile> taskFile() {
        return registers.map(r -> r);
    }

    /**
     * Traces a chip channel built on this drive's registers: chip-level lines, and register lines for the intro,
     * the ID and the outro.
     */
    public ChipChannel traceChip(ChipChannel built) {
        return new TracingChipChannel(built, trace, on -> registers.ifPresent(r -> r.recording = on));
    }







    @Override
    public void close() {
        try {
            inner().close();
        } finally {
            try {
                if (ownsTrace) {
                    trace.close();
                }
            } catch (IOException ignored) {
                // every line was flushed when written
            }
        }
    }
}
