package dev.odflash.emulator.gadget;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * Serves an emulated drive over the Bulk-Only Transport, one command at a time (USB Mass Storage Class
 * Bulk-Only Transport 1.0, §5 and §6): read a CBW, move the data stage, run the CDB on the drive, write
 * the 13-byte CSW (dCSWSignature "USBS", the CBW's tag, dCSWDataResidue, bCSWStatus 0 passed / 1 failed;
 * 2, phase error, is never needed: the data stage always follows the CBW). A CHECK CONDITION is status 1
 * with the sense kept by the drive: the host's usb-storage sends REQUEST SENSE next by itself. Everything is decoded from the wire bytes here; nothing is shared
 * with the host's encoders.
 */
public final class BulkOnlyServer {
    static final int CSW_LENGTH = 13;
    static final int CSW_SIGNATURE = 0x53425355;
    static final int PASSED = 0;
    static final int FAILED = 1;
    /** The most a host asks for in one command here: usb-storage's 120 KiB, with room for larger hosts. */
    static final long MAX_DATA = 16L << 20;

    /** What happened to one CBW (for the gadget's own log and the tests). */
    public record Served(int tag, byte[] cdb, long dataLength, boolean dataIn, int status, long residue) {
    }

    private final ScsiTransport drive;
    private final BulkEndpoints endpoints;
    private final Duration timeout;
    private final Runnable beforeEach;
    private final byte[] cbw = new byte[64];

    /**
     * @param drive   the emulated drive's SCSI side
     * @param timeout what each command is given on the drive (the host's own timeout is usb-storage's)
     */
    public BulkOnlyServer(ScsiTransport drive, BulkEndpoints endpoints, Duration timeout) {
        this(drive, endpoints, timeout, () -> { });
    }

    /**
     * @param beforeEach runs on this thread before each command reaches the drive (the caller moves the emulated
     *                   drive's clock to the wall clock there: behind a real kernel, host waits take real time)
     */
    public BulkOnlyServer(ScsiTransport drive, BulkEndpoints endpoints, Duration timeout, Runnable beforeEach) {
        this.drive = drive;
        this.endpoints = endpoints;
        this.timeout = timeout;
        this.beforeEach = beforeEach;
    }

    /**
     * Serves the next command. Empty when the bytes read were no valid CBW (bulk-IN is halted, as §6.6.1
     * asks, until the host resets the device); an {@link UnansweredCommand} when the drive gave no answer (no CSW
     * is written); another IOException when the function went away or was reset.
     */
    public Optional<Served> serveOne() throws IOException {
        int n = endpoints.readOut(ByteBuffer.wrap(cbw));
        if (n < 0) {
            throw new IOException("bulk-OUT closed");
        }
        Optional<CommandBlockWrapper> parsed = CommandBlockWrapper.parse(cbw, n);
        if (parsed.isEmpty()) {
            endpoints.haltIn();
            return Optional.empty();
        }
        CommandBlockWrapper w = parsed.get();
        if (w.dataLength() > MAX_DATA) {
            endpoints.haltIn(); // more than any host here sends: answered like a CBW that makes no sense
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            int length = (int) w.dataLength();
            MemorySegment data = length == 0 ? MemorySegment.NULL : arena.allocate(length);
            DataDirection dir = length == 0 ? DataDirection.NONE : w.dataIn() ? DataDirection.IN : DataDirection.OUT;
            if (dir == DataDirection.OUT) {
                readFully(data.asByteBuffer());
            }
            ScsiResult result;
            beforeEach.run();
            try {
                result = drive.execute(new ScsiRequest(w.cdb(), dir, data, timeout));
            } catch (TransportException e) {
                // the emulated drive stopped answering (a power cut, a timeout fault): no CSW; the caller decides
                // whether the gadget stays on the bus for the host's reset or leaves it (UnansweredCommand)
                throw new UnansweredCommand(w.cdb()[0] & 0xFF, e);
            }
            long residue = length;
            int status = result.isGood() ? PASSED : FAILED;
            if (dir == DataDirection.IN) {
                long moved = result.isGood() ? Math.max(0, length - result.residual()) : 0;
                if (moved > 0) {
                    endpoints.writeIn(data.asSlice(0, moved).asByteBuffer());
                }
                if (moved < length && moved % endpoints.maxPacket() == 0) {
                    endpoints.haltIn(); // a short transfer ending on a packet boundary (§6.7.2 case Hi > Di)
                }
                residue = length - moved;
            } else if (dir == DataDirection.OUT) {
                residue = result.isGood() ? Math.min(length, Math.max(0, result.residual())) : length;
            } else {
                residue = 0;
            }
            writeCsw(w.tag(), residue, status);
            return Optional.of(new Served(w.tag(), w.cdb(), w.dataLength(), w.dataIn(), status, residue));
        }
    }

    private void readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (endpoints.readOut(into) < 0) {
                throw new IOException("bulk-OUT closed during the data stage");
            }
        }
    }

    private void writeCsw(int tag, long residue, int status) throws IOException {
        ByteBuffer csw = ByteBuffer.allocate(CSW_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        csw.putInt(CSW_SIGNATURE).putInt(tag).putInt((int) residue).put((byte) status).flip();
        endpoints.writeIn(csw);
    }
}
