package dev.odflash.family.tsst;

import dev.odflash.ops.Cancellation;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.protocol.download.DownloadException;

import dev.odflash.protocol.Progress;

import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Optional;

/**
 * TSST/Samsung firmware download with the vendor CDB {@code FF 00 01 00 00 <state> 00 00 00 00 00 00}
 * (12 bytes, data out; docs/protocols.md §2.1, RD {@code CDB12_FlashTSST}, CM {@code mt1939_scsi.h}):
 * state 00 for the first block, FF for continuations, the end state on the last block. Blocks go
 * one after another from offset 0; no offset is sent.
 * <ul>
 * <li>MT1339 (TS-H353 etc.): 0xFC00 blocks "taken from the original flasher", end state 04 (RD);
 *     a 256 KiB image ends with one short block that carries the end state (contract).</li>
 * <li>SD-616F: the 0x20000 file rearranged into a 0x30000 buffer, 0x10000 blocks, end state 02 (RD).</li>
 * <li>MT1939 (SE-506CB): 2 MiB in 0xF800 blocks and a last 0x800 block, end state 02; the drive stalls
 *     about 10 s after ~1 MiB and after the last block, then reboots (CM: polled up to 100 s).</li>
 * </ul>
 */
public final class TsstDownload {
    static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration POLL_LIMIT = Duration.ofSeconds(100);

    /**
     * Block size, end state, size of the streamed data, and the size of a distinct last block (0: the
     * last block is whatever remains).
     */
    public record Variant(String name, int blockSize, int endState, int streamSize, int lastBlock) {
    }

    public static final Variant MT1339 = new Variant("MT1339", 0xFC00, 0x04, 0x40000, 0);
    /** Streams the rearranged 0x30000 buffer, not the 0x20000 file (the caller rearranges). */
    public static final Variant SD616 = new Variant("SD-616", 0x10000, 0x02, 0x30000, 0);
    public static final Variant MT1939 = new Variant("MT1939", 0xF800, 0x02, 0x200000, 0x800);

    private TsstDownload() {
    }

    public static byte[] cdb(int state) {
        return new byte[]{(byte) 0xFF, 0x00, 0x01, 0x00, 0x00, (byte) state, 0, 0, 0, 0, 0, 0};
    }

    /** What a stop waits for once the first block is out (MT1939 commits in halves: stopping between them is worst). */
    static String deferred(Variant v) {
        return "the download" + (v == MT1939 ? " (the drive commits it in halves)" : "")
                + ", the drive's restart and the check of its revision";
    }

    public static void download(CommandRunner run, Variant v, byte[] data, Progress progress, Cancellation cancellation)
            throws TransportException, DownloadException, Cancellation.Stopped {
        if (data.length != v.streamSize()) {
            throw new IllegalArgumentException(v.name() + " downloads are " + v.streamSize() + " bytes");
        }
        cancellation.beforeFirstData(deferred(v));
        int pos = 0;
        boolean first = true;
        while (pos < data.length) {
            int remaining = data.length - pos;
            int n = v.lastBlock() > 0 && remaining == v.lastBlock() ? v.lastBlock() : Math.min(v.blockSize(), remaining);
            boolean last = pos + n == data.length;
            int state = last ? v.endState() : first ? 0x00 : 0xFF;
            ScsiResult r = run.out(cdb(state), data, pos, n, BLOCK_TIMEOUT);
            if (!r.isGood()) {
                throw new DownloadException(String.format("block at 0x%06X (state %02X) refused: %s", pos, state,
                        r.describe()), !last);
            }
            pos += n;
            first = false;
            progress.bytes(Progress.Phase.DOWNLOAD, 1, pos, data.length);
        }
        Optional<String> notReady = run.waitReady(POLL, POLL_LIMIT);
        if (notReady.isPresent()) {
            throw new DownloadException("the drive did not come back within 100 s after the download: "
                    + notReady.get(), false);
        }
    }
}
