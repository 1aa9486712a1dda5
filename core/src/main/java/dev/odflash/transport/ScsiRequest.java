package dev.odflash.transport;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * One SCSI/ATAPI command as the OS pass-through takes it: CDB bytes, data direction, the data buffer
 * (its whole size is the transfer length) and a timeout. Buffers should come from
 * {@link ScsiTransport#allocate}, which honours the path's alignment mask.
 */
public record ScsiRequest(byte[] cdb, DataDirection direction, MemorySegment data, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ScsiRequest {
        Objects.requireNonNull(cdb, "cdb");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(timeout, "timeout");
        if (cdb.length < 6 || cdb.length > 16) {
            throw new IllegalArgumentException("CDB length must be 6..16 bytes, was " + cdb.length);
        }
        if (data == null) {
            data = MemorySegment.NULL;
        }
        if (direction == DataDirection.NONE && data.byteSize() != 0) {
            throw new IllegalArgumentException("a command without data phase carries no buffer");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("every command needs a positive timeout");
        }
        cdb = cdb.clone();
    }

    public static ScsiRequest noData(byte[] cdb) {
        return new ScsiRequest(cdb, DataDirection.NONE, MemorySegment.NULL, DEFAULT_TIMEOUT);
    }

    public static ScsiRequest in(byte[] cdb, MemorySegment buffer) {
        return new ScsiRequest(cdb, DataDirection.IN, buffer, DEFAULT_TIMEOUT);
    }

    public static ScsiRequest out(byte[] cdb, MemorySegment buffer, Duration timeout) {
        return new ScsiRequest(cdb, DataDirection.OUT, buffer, timeout);
    }

    @Override
    public byte[] cdb() {
        return cdb.clone();
    }

    public int opcode() {
        return cdb[0] & 0xFF;
    }

    public long length() {
        return data.byteSize();
    }
}
