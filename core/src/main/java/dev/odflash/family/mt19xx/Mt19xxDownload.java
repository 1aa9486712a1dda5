package dev.odflash.family.mt19xx;

import dev.odflash.family.Mt19xxVariant;
import dev.odflash.protocol.download.Cdbs;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.protocol.download.DownloadException;

import dev.odflash.protocol.Progress;

import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.time.Duration;
import java.util.Optional;

/**
 * LG/ASUS MT1959 (and MT1939) WRITE BUFFER microcode download and READ BUFFER region reads
 * (docs/protocols.md §2.2). Two public variants differ in CDB details:
 * <ul>
 * <li>{@link Mt19xxVariant#REDUMPER} (RD {@code drive/flash_mt1959.ixx}): 10-byte SPC CDBs, READ BUFFER
 *     {@code 3C 06 00 [off24] [len24] 00}, WRITE BUFFER mode 1 with no data, mode 6 in 0x4000 chunks
 *     with offsets, then TEST UNIT READY polling. The default: docs/protocols.md §7.6 notes it works without
 *     freemkv's extra bytes, and redumper's flasher has public success reports from users (RD #241,
 *     flashing BW-16D1X-U in a USB case). The mode 7 commit the issue names is sent as a 10-byte CDB.</li>
 * <li>{@link Mt19xxVariant#FREEMKV} (FM {@code drive/mtk.rs}): the same fields in 12-byte CDBs with the
 *     vendor flasher's trailing bytes: PREPARE byte 9 = 0x0B, COMMIT bytes 10-11 = {@code 1B 12}.</li>
 * </ul>
 * The drive erases and programs when the last chunk lands; COMMIT is a handshake after which UNIT
 * ATTENTION or NOT READY is normal and only sense keys 3, 4 or B are failures (FM).
 */
public final class Mt19xxDownload {
    public static final int CHUNK = 0x4000;
    public static final int CONFIG_OFFSET = 0x3000;
    public static final int CONFIG_LENGTH = 0x20;
    /** FM polls every 0.5 s for up to 45 s after the burn. */
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration POLL_LIMIT = Duration.ofSeconds(45);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner run;
    private final Mt19xxVariant variant;

    public Mt19xxDownload(CommandRunner run, Mt19xxVariant variant) {
        this.run = run;
        this.variant = variant;
    }

    public byte[] readBufferCdb(long offset, int length) {
        return variant == Mt19xxVariant.REDUMPER ? Cdbs.buffer10(Cdbs.READ_BUFFER, 6, offset, length)
                : Cdbs.buffer12(Cdbs.READ_BUFFER, 6, offset, length, 0, 0);
    }

    /** READ BUFFER mode 6, buffer 0: flash content at {@code offset} (the ARM address window, CM). */
    public byte[] read(long offset, int length) throws TransportException, DownloadException {
        return run.in(String.format("READ BUFFER at 0x%06X", offset), readBufferCdb(offset, length), length, TIMEOUT);
    }

    /** The drive's 0x20-byte boot config at 0x3000; its first 16 bytes are the boot ID (RD). */
    public byte[] readConfig() throws TransportException, DownloadException {
        return read(CONFIG_OFFSET, CONFIG_LENGTH);
    }

    public void download(byte[] image, Progress progress) throws TransportException, DownloadException {
        byte[] prepare = variant == Mt19xxVariant.REDUMPER ? Cdbs.buffer10(Cdbs.WRITE_BUFFER, 1, 0, 0)
                : Cdbs.buffer12(Cdbs.WRITE_BUFFER, 1, 0, 0, 0, 0);
        if (variant == Mt19xxVariant.FREEMKV) {
            prepare[9] = 0x0B;
        }
        ScsiResult p = run.none(prepare, TIMEOUT);
        if (!p.isGood()) {
            throw new DownloadException("PREPARE (WRITE BUFFER mode 1) refused: " + p.describe(), true);
        }
        for (int off = 0; off < image.length; off += CHUNK) {
            int n = Math.min(CHUNK, image.length - off);
            byte[] cdb = variant == Mt19xxVariant.REDUMPER ? Cdbs.buffer10(Cdbs.WRITE_BUFFER, 6, off, n)
                    : Cdbs.buffer12(Cdbs.WRITE_BUFFER, 6, off, n, 0, 0);
            ScsiResult r = run.out(cdb, image, off, n, TIMEOUT);
            boolean last = off + n == image.length;
            if (!r.isGood()) {
                throw new DownloadException(String.format("STREAM chunk at 0x%06X refused: %s", off, r.describe()), !last);
            }
            progress.bytes(Progress.Phase.DOWNLOAD, 1, off + n, image.length);
        }
        byte[] commit = variant == Mt19xxVariant.REDUMPER ? Cdbs.buffer10(Cdbs.WRITE_BUFFER, 7, 0, 0)
                : Cdbs.buffer12(Cdbs.WRITE_BUFFER, 7, 0, 0, 0x1B, 0x12);
        ScsiResult c = run.none(commit, TIMEOUT);
        Optional<SenseData> sense = c.sense();
        if (!c.isGood() && sense.isPresent() && (sense.get().key() == SenseData.MEDIUM_ERROR
                || sense.get().key() == SenseData.HARDWARE_ERROR || sense.get().key() == SenseData.ABORTED_COMMAND)) {
            throw new DownloadException("COMMIT (WRITE BUFFER mode 7) failed: " + c.describe(), false);
        }
        Optional<String> notReady = run.waitReady(POLL, POLL_LIMIT);
        if (notReady.isPresent()) {
            throw new DownloadException("the drive did not become ready within 45 s after the burn: " + notReady.get(), false);
        }
    }
}
