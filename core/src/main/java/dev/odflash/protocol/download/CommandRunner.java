package dev.odflash.protocol.download;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends download commands with aligned buffers and the family's timeouts, and waits for the drive
 * on the transport's clock (docs/architecture.md "Host waits run on the transport's clock").
 */
public final class CommandRunner {
    private final ScsiTransport transport;

    public CommandRunner(ScsiTransport transport) {
        this.transport = transport;
    }

    public ScsiTransport transport() {
        return transport;
    }

    public DeviceClock clock() {
        return transport.clock();
    }

    public ScsiResult out(byte[] cdb, byte[] data, int offset, int length, Duration timeout) throws TransportException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = length == 0 ? MemorySegment.NULL : transport.allocate(arena, length);
            if (length > 0) {
                MemorySegment.copy(data, offset, buffer, ValueLayout.JAVA_BYTE, 0, length);
            }
            return transport.execute(new ScsiRequest(cdb, length == 0 ? DataDirection.NONE : DataDirection.OUT, buffer, timeout));
        }
    }

    public ScsiResult none(byte[] cdb, Duration timeout) throws TransportException {
        return transport.execute(new ScsiRequest(cdb, DataDirection.NONE, MemorySegment.NULL, timeout));
    }

    /** Data-in; returns the bytes or throws DownloadException with the drive's sense. */
    public byte[] in(String step, byte[] cdb, int length, Duration timeout) throws TransportException, DownloadException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = transport.allocate(arena, length);
            ScsiResult r = transport.execute(new ScsiRequest(cdb, DataDirection.IN, buffer, timeout));
            if (!r.isGood()) {
                throw new DownloadException(step + " refused: " + r.describe(), true);
            }
            return buffer.asSlice(0, Math.max(0, length - r.residual())).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** TEST UNIT READY in its 6-byte SPC form (RD {@code cmd_drive_ready}, BT). */
    private static final int TEST_UNIT_READY_6 = 6;

    /**
     * Polls TEST UNIT READY every {@code interval} until the drive is ready (GOOD) or reports no
     * medium (02/3A: ready, the tray is just empty), at most {@code limit}. Empty on success; the
     * last sense when the limit ran out.
     */
    public Optional<String> waitReady(Duration interval, Duration limit) {
        return waitReady(new byte[TEST_UNIT_READY_6], interval, limit, 1);
    }

    /**
     * Polls with the given TEST UNIT READY CDB (a family may send its own form, e.g. FM's twelve zero
     * bytes) until {@code answers} ready answers in a row (RD counts two), at most {@code limit}.
     */
    public Optional<String> waitReady(byte[] testUnitReady, Duration interval, Duration limit, int answers) {
        Duration start = clock().elapsed();
        String last = "no answer";
        int inARow = 0;
        while (clock().elapsed().minus(start).compareTo(limit) < 0) {
            try {
                Optional<SenseData> notReady = testUnitReady(testUnitReady);
                if (notReady.isEmpty() || notReady.get().asc() == 0x3A) {
                    if (++inARow >= answers) {
                        return Optional.empty();
                    }
                } else {
                    inARow = 0;
                    last = notReady.get().describe();
                }
            } catch (TransportException e) {
                inARow = 0;
                last = e.getMessage(); // a drive rebooting into new firmware may not answer for a while
            }
            clock().sleep(interval);
        }
        return Optional.of(last);
    }

    /** One TEST UNIT READY: empty when GOOD, else the drive's sense (NOT READY and its reason). */
    public Optional<SenseData> testUnitReady(byte[] cdb) throws TransportException {
        ScsiResult r = none(cdb, Duration.ofSeconds(30));
        if (r.isGood()) {
            return Optional.empty();
        }
        return Optional.of(r.sense().orElse(SenseData.fixed(SenseData.NOT_READY, 0x04, 0x00)));
    }
}
