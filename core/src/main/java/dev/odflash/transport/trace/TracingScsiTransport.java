package dev.odflash.transport.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.bytes.Hex;
import dev.odflash.bytes.Sha256;
import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.lang.foreign.ValueLayout;

/**
 * Records every SCSI command: CDB, direction, length, status, sense and time; data read is stored
 * inline (so a replay can serve it), data written is hashed. An OS-level failure is recorded with
 * its kind before it propagates.
 */
final class TracingScsiTransport implements ScsiTransport {
    private final ScsiTransport inner;
    private final TraceWriter trace;

    TracingScsiTransport(ScsiTransport inner, TraceWriter trace) {
        this.inner = inner;
        this.trace = trace;
    }

    @Override
    public ScsiResult execute(ScsiRequest request) throws TransportException {
        ObjectNode line = TraceWriter.line();
        line.put("cdb", Hex.of(request.cdb()));
        line.put("dir", request.direction().word());
        line.put("len", request.length());
        if (request.direction() == DataDirection.OUT) {
            line.put("dataOutSha256", Sha256.hex(request.data().toArray(ValueLayout.JAVA_BYTE)));
        }
        try {
            ScsiResult r = inner.execute(request);
            line.put("status", r.status());
            line.put("sense", r.sense().map(s -> s.hex()).orElse(""));
            line.put("ms", r.duration().toNanos() / 1e6);
            if (request.direction() == DataDirection.IN && r.isGood()) {
                long got = Math.max(0, request.length() - r.residual());
                line.put("dataIn", Hex.of(request.data().asSlice(0, got).toArray(ValueLayout.JAVA_BYTE)));
            }
            trace.write(line);
            return r;
        } catch (TransportException e) {
            line.put("error", e.kind().name());
            line.put("message", e.getMessage());
            trace.write(line);
            throw e;
        }
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
    public void close() {
        inner.close();
    }
}
