package dev.odflash.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Protocol knowledge every OS back end shares (native's SG_IO and SPTI transports call it when a
 * command moves more than the path takes), so it lives beside the transport API, not in one back end.
 * Splits a data-in read that is larger than the path allows into several commands covering the same
 * bytes: READ(10) and READ(12) by blocks (SBC-3/MMC-6: LBA in bytes 2-5, transfer length in 7-8 or
 * 6-9) and READ BUFFER modes 2 and 6 by buffer offset (SPC-4 §6.17: offset 3-5, length 6-8).
 * Writes are never split: a download protocol's block sizes are part of the protocol (docs/protocols.md
 * §2), so a write too large for the path is refused with the limit instead.
 */
public final class TransferSplit {
    public record Chunk(byte[] cdb, long offset, long length) {
    }

    private TransferSplit() {
    }

    public static Optional<List<Chunk>> split(byte[] cdb, long length, long limit) {
        int op = cdb[0] & 0xFF;
        return switch (op) {
            case 0x28 -> byBlocks(cdb, length, limit, 7, 2);
            case 0xA8 -> byBlocks(cdb, length, limit, 6, 4);
            case 0x3C -> {
                int mode = cdb[1] & 0x1F;
                yield mode == 0x02 || mode == 0x06 ? byOffset(cdb, length, limit) : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private static Optional<List<Chunk>> byBlocks(byte[] cdb, long length, long limit, int lenAt, int lenBytes) {
        long lba = get(cdb, 2, 4);
        long blocks = get(cdb, lenAt, lenBytes);
        if (blocks == 0 || length % blocks != 0) {
            return Optional.empty();
        }
        long blockSize = length / blocks;
        long perChunk = limit / blockSize;
        if (perChunk == 0) {
            return Optional.empty();
        }
        List<Chunk> out = new ArrayList<>();
        for (long done = 0; done < blocks; done += perChunk) {
            long n = Math.min(perChunk, blocks - done);
            byte[] c = cdb.clone();
            put(c, 2, 4, lba + done);
            put(c, lenAt, lenBytes, n);
            out.add(new Chunk(c, done * blockSize, n * blockSize));
        }
        return Optional.of(out);
    }

    private static Optional<List<Chunk>> byOffset(byte[] cdb, long length, long limit) {
        long offset = get(cdb, 3, 3);
        if (get(cdb, 6, 3) != length || cdb.length < 10) {
            return Optional.empty();
        }
        List<Chunk> out = new ArrayList<>();
        for (long done = 0; done < length; done += limit) {
            long n = Math.min(limit, length - done);
            byte[] c = cdb.clone();
            put(c, 3, 3, offset + done);
            put(c, 6, 3, n);
            out.add(new Chunk(c, done, n));
        }
        return Optional.of(out);
    }

    static long get(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    static void put(byte[] b, int at, int n, long v) {
        for (int i = n - 1; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
