package dev.odflash.transport;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The host path's largest transfer (an adapter's maximum transfer length, a USB bridge's limit, an
 * emulated path's {@code maxxfer=}), honoured the same way for every transport: a read larger than the
 * limit is split into reads that cover the same bytes ({@link TransferSplit}); any other command larger
 * than the limit is refused before it is sent, with a message that names the host path's limit (the
 * drive did nothing wrong). A download's block sizes are its protocol's, so a write is never split.
 */
public final class HostTransferLimit {
    private HostTransferLimit() {
    }

    /** The device with its SCSI path held to {@link ScsiTransport#maxTransferLength()}. */
    public static Device honouring(Device device) {
        return new LimitedDevice(device);
    }

    /** The device inside a {@link #honouring} wrapper (views that ask what the emulated drive counted). */
    public static Device inner(Device device) {
        return device instanceof LimitedDevice l ? l.inner() : device;
    }

    /** The words for a transfer the host path does not take, shared by every command and operation. */
    public static String tooLarge(String command, long length, long limit) {
        return "the host path (its adapter or USB bridge) takes at most " + limit + " bytes a command; " + command
                + " of " + length + " bytes cannot be split into smaller commands, so it was not sent";
    }

    private static final class LimitedTransport implements ScsiTransport {
        private final ScsiTransport inner;

        LimitedTransport(ScsiTransport inner) {
            this.inner = inner;
        }

        @Override
        public ScsiResult execute(ScsiRequest request) throws TransportException {
            long limit = inner.maxTransferLength();
            if (limit <= 0 || request.data().byteSize() <= limit) {
                return inner.execute(request);
            }
            long length = request.data().byteSize();
            Optional<List<TransferSplit.Chunk>> chunks = request.direction() == DataDirection.IN
                    ? TransferSplit.split(request.cdb(), length, limit) : Optional.empty();
            if (chunks.isEmpty()) {
                throw new TransportException(TransportException.Kind.TRANSFER_TOO_LARGE,
                        tooLarge(String.format("command 0x%02X", request.opcode()), length, limit));
            }
            long residual = 0;
            Duration total = Duration.ZERO;
            MemorySegment data = request.data();
            for (TransferSplit.Chunk c : chunks.get()) {
                ScsiResult r = inner.execute(new ScsiRequest(c.cdb(), DataDirection.IN, data.asSlice(c.offset(), c.length()),
                        request.timeout()));
                total = total.plus(r.duration());
                residual += r.residual();
                if (!r.isGood()) {
                    return new ScsiResult(r.status(), r.sense(), residual + length - c.offset() - c.length(), total);
                }
            }
            return new ScsiResult(ScsiResult.GOOD, Optional.empty(), residual, total);
        }

        @Override
        public long maxTransferLength() {
            return inner.maxTransferLength();
        }

        @Override
        public int alignmentMask() {
            return inner.alignmentMask();
        }

        @Override
        public DeviceClock clock() {
            return inner.clock();
        }

        @Override
        public MemorySegment allocate(java.lang.foreign.Arena arena, long size) {
            return inner.allocate(arena, size);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Only its SCSI path is limited; register access (a task file) is byte-wide and passes as it is. */
    private static final class LimitedDevice extends ForwardingDevice {
        private final ScsiTransport scsi;

        LimitedDevice(Device inner) {
            super(inner);
            this.scsi = new LimitedTransport(inner.scsi());
        }

        @Override
        public ScsiTransport scsi() {
            return scsi;
        }
    }
}
