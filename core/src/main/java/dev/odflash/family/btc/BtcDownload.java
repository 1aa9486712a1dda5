package dev.odflash.family.btc;

import dev.odflash.ops.Cancellation;
import dev.odflash.protocol.download.Cdbs;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.protocol.download.DownloadException;

import dev.odflash.protocol.Progress;

import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Optional;

/**
 * BTC DRW-1004/1008/1108 firmware download (docs/protocols.md §2.3, btcflash "BT"): 256 WRITE BUFFER
 * mode 6 commands of 0x1000 bytes at buffer offset image offset + 0x20, then the 32-byte header at
 * buffer offset 0 (all zero but bytes 30-31 = BE16 sum of the whole 1 MiB image), then mode 7
 * ("download with offsets and save") starts the burn; wait 50 s, then TEST UNIT READY every second
 * until ready or NOT READY / medium not present, up to 300 s (cdrtools' copy).
 */
public final class BtcDownload {
    public static final int IMAGE_SIZE = 0x100000;
    public static final int CHUNK = 0x1000;
    public static final int OFFSET_BIAS = 0x20;
    public static final int HEADER = 0x20;
    static final Duration BURN_PAUSE = Duration.ofSeconds(50);
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration POLL_LIMIT = Duration.ofSeconds(300);
    /** docs/protocols.md §1.1 [I]: at least 60 s for the commit of every protocol. */
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);

    private BtcDownload() {
    }

    /** The 16-bit sum of every byte of the image (BT): what the header carries and `identify` prints. */
    public static int checksum(byte[] image) {
        int sum = 0;
        for (byte b : image) {
            sum += b & 0xFF;
        }
        return sum & 0xFFFF;
    }

    public static byte[] header(byte[] image) {
        byte[] h = new byte[HEADER];
        int sum = checksum(image);
        h[30] = (byte) (sum >> 8);
        h[31] = (byte) sum;
        return h;
    }

    /** What a stop waits for once the first block is out: the drive burns during the 50 s wait. */
    static final String DEFERRED = "the download, the drive's burn (a 50 s wait) and the check of its revision";

    public static void download(CommandRunner run, byte[] image, Progress progress, Cancellation cancellation)
            throws TransportException, DownloadException, Cancellation.Stopped {
        if (image.length != IMAGE_SIZE) {
            throw new IllegalArgumentException("a BTC image is exactly 1 MiB");
        }
        cancellation.beforeFirstData(DEFERRED);
        for (int off = 0; off < IMAGE_SIZE; off += CHUNK) {
            ScsiResult r = run.out(Cdbs.buffer10(Cdbs.WRITE_BUFFER, 6, off + OFFSET_BIAS, CHUNK), image, off, CHUNK,
                    Duration.ofSeconds(30));
            if (!r.isGood()) {
                throw new DownloadException(String.format("WRITE BUFFER at 0x%05X refused: %s", off, r.describe()), true);
            }
            progress.bytes(Progress.Phase.DOWNLOAD, 1, off + CHUNK, IMAGE_SIZE);
        }
        byte[] header = header(image);
        ScsiResult h = run.out(Cdbs.buffer10(Cdbs.WRITE_BUFFER, 6, 0, HEADER), header, 0, HEADER, Duration.ofSeconds(30));
        if (!h.isGood()) {
            throw new DownloadException("the checksum header was refused: " + h.describe(), true);
        }
        ScsiResult burn = run.none(Cdbs.buffer10(Cdbs.WRITE_BUFFER, 7, 0, 0), COMMIT_TIMEOUT);
        if (!burn.isGood()) {
            throw new DownloadException("the burn command (WRITE BUFFER mode 7) was refused: " + burn.describe(), true);
        }
        long pause = BURN_PAUSE.toSeconds();
        for (long s = 0; s < pause; s++) { // a second at a time, so the user sees the wait move
            progress.update(new Progress.Event(Progress.Phase.BURN_WAIT, 1, Progress.Unit.SECONDS, s, pause));
            run.clock().sleep(Duration.ofSeconds(1));
        }
        progress.update(new Progress.Event(Progress.Phase.BURN_WAIT, 1, Progress.Unit.SECONDS, pause, pause));
        Optional<String> notReady = run.waitReady(POLL, POLL_LIMIT);
        if (notReady.isPresent()) {
            throw new DownloadException("the drive did not become ready within 300 s after the burn: "
                    + notReady.get(), false);
        }
    }
}
