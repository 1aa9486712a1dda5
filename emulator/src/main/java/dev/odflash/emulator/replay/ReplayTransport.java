package dev.odflash.emulator.replay;

import dev.odflash.bytes.Sha256;
import dev.odflash.emulator.chip.VirtualClock;
import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** Serves SCSI commands from a trace in order and fails on the first command that differs. */
final class ReplayTransport implements ScsiTransport {
    private final List<TraceEntry> entries;
    private final VirtualClock clock;
    private final TraceHeader header;
    private int next;

    ReplayTransport(List<TraceEntry> entries, VirtualClock clock, TraceHeader header) {
        this.entries = entries;
        this.clock = clock;
        this.header = header;
    }

    int remaining() {
        return entries.size() - next;
    }

    @Override
    public ScsiResult execute(ScsiRequest request) throws TransportException {
        String cdb = HexFormat.of().formatHex(request.cdb());
        if (next >= entries.size()) {
            throw diverged("the trace has no more commands; the host sent " + cdb);
        }
        TraceEntry e = entries.get(next);
        if (!e.cdb().equals(cdb) || !e.dir().equals(request.direction().word()) || e.len() != request.length()) {
            throw diverged(String.format("trace line %d expects cdb %s (%s, %d bytes); the host sent %s (%s, %d bytes)",
                    e.line(), e.cdb(), e.dir(), e.len(), cdb, request.direction().word(), request.length()));
        }
        if (request.direction() == DataDirection.OUT && !e.dataOutSha256().isEmpty()) {
            String sha = Sha256.hex(request.data().toArray(ValueLayout.JAVA_BYTE));
            if (!sha.equals(e.dataOutSha256())) {
                throw diverged("trace line " + e.line() + ": the data written differs from the recorded data");
            }
        }
        next++;
        clock.advance(Math.round(e.ms() * 1e6));
        if (!e.error().isEmpty()) {
            throw new TransportException(TransportException.Kind.valueOf(e.error()), "replayed failure at trace line "
                    + e.line());
        }
        if (e.status() != ScsiResult.GOOD) {
            SenseData sense = SenseData.parse(HexFormat.of().parseHex(e.sense()));
            return new ScsiResult(e.status(), java.util.Optional.of(sense), 0, Duration.ofNanos(Math.round(e.ms() * 1e6)));
        }
        long moved = 0;
        if (request.direction() == DataDirection.IN) {
            moved = Math.min(e.dataIn().length, request.length());
            MemorySegment.copy(e.dataIn(), 0, request.data(), ValueLayout.JAVA_BYTE, 0, (int) moved);
        }
        return ScsiResult.good(request.length() - moved, Duration.ofNanos(Math.round(e.ms() * 1e6)));
    }

    private static TransportException diverged(String message) {
        return new TransportException(TransportException.Kind.OS_ERROR, "replay diverged: " + message);
    }

    @Override
    public long maxTransferLength() {
        return header.maxTransfer(); // the recording's host path: its reads were split to this
    }

    @Override
    public int alignmentMask() {
        return header.alignMask();
    }

    @Override
    public DeviceClock clock() {
        return clock;
    }

    @Override
    public void close() {
    }
}
