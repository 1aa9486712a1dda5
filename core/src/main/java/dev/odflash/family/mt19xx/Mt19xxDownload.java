package dev.odflash.family.mt19xx;

import dev.odflash.family.Mt19xxVariant;
import dev.odflash.ops.Cancellation;
import dev.odflash.protocol.download.Cdbs;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.protocol.download.DownloadException;

import dev.odflash.protocol.Progress;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Optional;

/**
 * LG/ASUS MT1959 (and MT1939) WRITE BUFFER microcode download and READ BUFFER region reads
 * (docs/protocols.md §2.2). Each variant sends its source's download sequence and nothing else:
 * <ul>
 * <li>{@link Mt19xxVariant#REDUMPER} (RD {@code drive/flash_mt1959.ixx}), the default: WRITE BUFFER mode 1
 *     with no data, mode 6 in 0x4000 chunks with offsets (10-byte SPC CDBs), then TEST UNIT READY
 *     polling until two ready answers. No COMMIT: RD sends none. RD polls 15 times at 1 s; odflash
 *     polls at 1 s for up to {@link #POLL_LIMIT} (a longer wait, not another command).</li>
 * <li>{@link Mt19xxVariant#FREEMKV} (FM {@code drive/mtk.rs}): the vendor flasher's 12-byte CDBs in FM's
 *     order: PROBE (READ BUFFER of the identity page), TEST UNIT READY, PREPARE, 128 STREAM chunks,
 *     COMMIT, TEST UNIT READY, REQUEST SENSE (byte 4 = 0x80 with 16 bytes in, as FM sends it), then
 *     FM's TEST UNIT READY poll every 0.5 s for up to 45 s.</li>
 * </ul>
 * The drive erases and programs when the last chunk lands; after COMMIT, UNIT ATTENTION or NOT READY
 * is normal and only sense keys 3, 4 or B are failures (FM). Reads (the config, backups, read-back)
 * are 10-byte READ BUFFERs in both variants: RD's form, and FM's own {@code cdb_read_buffer}.
 */
public final class Mt19xxDownload {
    public static final int CHUNK = 0x4000;
    public static final int CONFIG_OFFSET = Mt19xxSplice.CONFIG_OFFSET;
    public static final int CONFIG_LENGTH = Mt19xxSplice.CONFIG_LENGTH;
    /** FM PROBE: the identity page. */
    static final int PROBE_OFFSET = 0x1EC000;
    static final int PROBE_LENGTH = 0x100;
    /** FM REQUEST SENSE reads 16 bytes. */
    static final int SENSE_LENGTH = 16;
    /** RD: TEST UNIT READY at 1 s, two ready answers; FM: every 0.5 s. */
    static final Duration RD_POLL = Duration.ofSeconds(1);
    static final int RD_READY_ANSWERS = 2;
    static final Duration FM_POLL = Duration.ofMillis(500);
    /** FM waits up to 45 s; odflash waits as long with RD's form (RD gives up after 15 s). */
    public static final Duration POLL_LIMIT = Duration.ofSeconds(45);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner run;
    private final Mt19xxVariant variant;

    public Mt19xxDownload(CommandRunner run, Mt19xxVariant variant) {
        this.run = run;
        this.variant = variant;
    }

    public Mt19xxVariant variant() {
        return variant;
    }

    /** READ BUFFER mode 6, buffer 0, 10 bytes: RD's form and FM's {@code cdb_read_buffer}. */
    public byte[] readBufferCdb(long offset, int length) {
        return Cdbs.buffer10(Cdbs.READ_BUFFER, 6, offset, length);
    }

    /**
     * READ BUFFER mode 6, buffer 0: flash content at {@code offset} (the ARM address window, CM). A short
     * transfer is refused, as FM refuses it: a region of the unit's data is a fixed size. A drive that
     * answers ILLEGAL REQUEST will not be read there ({@link ReadRefused}): retail firmware may allow only
     * the regions the sources read (docs/protocols.md §7.7).
     */
    public byte[] read(long offset, int length) throws TransportException, DownloadException {
        String step = String.format("READ BUFFER at 0x%06X", offset);
        byte[] data;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = run.transport().allocate(arena, length);
            ScsiResult r = run.transport().execute(new ScsiRequest(readBufferCdb(offset, length), DataDirection.IN,
                    buffer, TIMEOUT));
            if (!r.isGood()) {
                if (r.sense().filter(s -> s.key() == SenseData.ILLEGAL_REQUEST).isPresent()) {
                    throw new ReadRefused(step + " refused: " + r.describe());
                }
                throw new DownloadException(step + " refused: " + r.describe(), true);
            }
            data = buffer.asSlice(0, Math.max(0, length - r.residual())).toArray(ValueLayout.JAVA_BYTE);
        }
        if (data.length != length) {
            throw new DownloadException(step + " returned " + data.length + " of " + length + " bytes", true);
        }
        return data;
    }

    /** The drive refused a READ BUFFER as a request it will not serve (ILLEGAL REQUEST), not as a failure. */
    public static final class ReadRefused extends DownloadException {
        ReadRefused(String message) {
            super(message, true);
        }
    }

    /** The drive's 0x20-byte boot config at 0x3000; its first 16 bytes are the boot ID (RD). */
    public byte[] readConfig() throws TransportException, DownloadException {
        return read(CONFIG_OFFSET, CONFIG_LENGTH);
    }

    /** The variant's splice of this unit's config and calibration into {@code image} ({@link Mt19xxSplice}). */
    public void keepUnitData(byte[] image, byte[] config, byte[] calibration) {
        Mt19xxSplice.keepUnitData(variant, image, config, calibration);
    }

    /** What a stop waits for from PREPARE on: the drive burns when the last chunk lands. */
    static final String DEFERRED = "the download, the drive's burn and the read-back check";

    public void download(byte[] image, Progress progress, Cancellation cancellation)
            throws TransportException, DownloadException, Cancellation.Stopped {
        if (variant == Mt19xxVariant.FREEMKV) {
            freemkvPreflight();
        }
        cancellation.beforeFirstData(DEFERRED); // PREPARE opens the download: from here on it runs to its end
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
        if (variant == Mt19xxVariant.FREEMKV) {
            freemkvClose();
        }
        Optional<String> notReady = variant == Mt19xxVariant.REDUMPER
                ? run.waitReady(new byte[6], RD_POLL, POLL_LIMIT, RD_READY_ANSWERS)
                : run.waitReady(new byte[12], FM_POLL, POLL_LIMIT, 1);
        if (notReady.isPresent()) {
            throw new DownloadException("the drive did not become ready within " + POLL_LIMIT.toSeconds()
                    + " s after the burn: " + notReady.get(), false);
        }
    }

    /**
     * FM's preflight: PROBE must return the identity page; TEST UNIT READY (twelve zero bytes) must be
     * GOOD or "no medium" (02/3A), anything else stops before PREPARE.
     */
    private void freemkvPreflight() throws TransportException, DownloadException {
        byte[] probe = Cdbs.buffer12(Cdbs.READ_BUFFER, 6, PROBE_OFFSET, PROBE_LENGTH, 0, 0);
        run.in("PROBE (READ BUFFER of the identity page at 0x1EC000)", probe, PROBE_LENGTH, TIMEOUT);
        Optional<SenseData> ready = run.testUnitReady(new byte[12]);
        if (ready.isPresent() && ready.get().asc() != 0x3A) {
            throw new DownloadException("TEST UNIT READY before PREPARE: " + ready.get().describe(), true);
        }
    }

    /**
     * FM's trailer: COMMIT, TEST UNIT READY, REQUEST SENSE. The burn already ran when the last chunk
     * landed, so COMMIT's and TUR's answers are not judged (UNIT ATTENTION or NOT READY is normal);
     * COMMIT's or REQUEST SENSE's sense key 3, 4 or B is a failed burn.
     */
    private void freemkvClose() throws TransportException, DownloadException {
        ScsiResult c = run.none(Cdbs.buffer12(Cdbs.WRITE_BUFFER, 7, 0, 0, 0x1B, 0x12), TIMEOUT);
        if (!c.isGood() && c.sense().filter(Mt19xxDownload::burnFailed).isPresent()) {
            throw new DownloadException("COMMIT (WRITE BUFFER mode 7) failed: " + c.describe(), false);
        }
        run.testUnitReady(new byte[12]);
        Optional<SenseData> status = requestSense();
        if (status.filter(Mt19xxDownload::burnFailed).isPresent()) {
            throw new DownloadException("REQUEST SENSE after COMMIT reports a failed burn: " + status.get().describe(), false);
        }
    }

    /** FM's STATUS: {@code 03 00 00 10 80 00 00 00 00 00 00 00}, 16 bytes in; empty when not answered. */
    private Optional<SenseData> requestSense() throws TransportException {
        byte[] cdb = {0x03, 0, 0, 0x10, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = run.transport().allocate(arena, SENSE_LENGTH);
            ScsiResult r = run.transport().execute(new ScsiRequest(cdb, DataDirection.IN, buffer, TIMEOUT));
            if (!r.isGood()) {
                return Optional.empty(); // FM: best effort; the read-back verify judges the burn
            }
            int got = (int) Math.max(0, SENSE_LENGTH - r.residual());
            return Optional.of(SenseData.parse(buffer.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE)));
        }
    }

    private static boolean burnFailed(SenseData s) {
        return s.key() == SenseData.MEDIUM_ERROR || s.key() == SenseData.HARDWARE_ERROR
                || s.key() == SenseData.ABORTED_COMMAND;
    }
}
