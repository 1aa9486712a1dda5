package dev.odflash.emulator.download;

import dev.odflash.emulator.core.Reply;
import java.time.Duration;
import java.util.Arrays;

/**
 * MT19xx WRITE BUFFER microcode download (docs/protocols.md §2.2), both CDB forms the sources give:
 * <ul>
 * <li>PREPARE, WRITE BUFFER mode 1, no data: RD {@code 3B 01 00 00 00 00 00 00 00 00} (10 bytes) or FM
 *     {@code 3B 01 00 00 00 00 00 00 00 0B 00 00} (12 bytes, byte 9 = 0x0B);</li>
 * <li>STREAM, mode 6 with offsets, 0x4000 bytes each, offsets 0, 0x4000, … 0x1FC000 in order: RD
 *     {@code 3B 06 00 [off BE24] [len BE24] 00}, FM {@code 3B 06 00 oo oo oo 00 40 00 00 00 00};</li>
 * <li>COMMIT, mode 7, no data: FM {@code 3B 07 00 00 00 00 00 00 00 00 1B 12} only. No source sends a
 *     10-byte COMMIT (RD sends none at all), so that form is INVALID FIELD IN CDB. It is a trailing handshake: the drive erases
 *     and programs when the last STREAM chunk lands (FM), so COMMIT answers NOT READY while it burns and
 *     UNIT ATTENTION once it has restarted (FM: "UA or NOT READY on COMMIT is expected").</li>
 * </ul>
 * The rest of each source's sequence is the shared front end's: FM's PROBE (a 12-byte READ BUFFER), its
 * 12-byte TEST UNIT READY and its 12-byte REQUEST SENSE (byte 4 = 0x80, 16 bytes in); RD's 6-byte TEST UNIT
 * READY poll. PREPARE starts a new download at any time. A chunk before PREPARE, out of order, or in the
 * other source's CDB length (one download is one source's sequence), or COMMIT without a complete
 * download, fails with COMMAND SEQUENCE ERROR and drops the download. The drive burns what
 * it is sent from 0x10000 up (it ignores its first 64 KiB, §2.2 RD clears them); keeping the drive
 * config and calibration in the image is the host's job. After the burn TEST UNIT READY says LONG
 * WRITE IN PROGRESS (FM: "for a few seconds"; here the chip's time) until the drive has restarted.
 * READ BUFFER mode 6 reads the flash ({@link ReadBufferWindow}), the whole of it or, with
 * {@code ?readbuffer=regions}, only the regions the sources read ({@link ReadBufferScope}).
 */
final class Mt1959Protocol implements Protocol {
    static final int SIZE = 0x200000;                 // FM, OD: 2 MiB images
    static final int CHUNK = 0x4000;                  // RD 0x4000 chunks; FM "STREAM ×128", 16 KiB
    /** Modelled: the restart after the burn (FM polls every 0.5 s for up to 45 s). */
    static final Duration RESTART = Duration.ofSeconds(2);

    private final DownloadDrive drive;
    private final ReadBufferScope readScope;
    private final byte[] image = new byte[SIZE];
    private boolean prepared;
    private int cdbLength;
    private int next;

    Mt1959Protocol(DownloadDrive drive, ReadBufferScope readScope) {
        this.drive = drive;
        this.readScope = readScope;
    }

    @Override
    public Reply handle(byte[] cdb, byte[] out, int inLength) {
        int opcode = cdb[0] & 0xFF;
        if (opcode == 0x3C) {
            return ReadBufferWindow.read(drive, cdb, SIZE, readScope);
        }
        if (opcode != 0x3B) {
            return null;
        }
        boolean twelve = cdb.length == 12;
        if (cdb.length != 10 && !twelve || Cdb.u8(cdb, 2) != 0) {
            return Reply.invalidField();
        }
        return switch (Cdb.u8(cdb, 1) & 0x1F) {
            case 1 -> prepare(cdb, twelve, out);
            case 6 -> stream(cdb, out);
            case 7 -> commit(cdb, twelve, out);
            default -> Reply.invalidField();
        };
    }

    private Reply prepare(byte[] cdb, boolean twelve, byte[] out) {
        boolean ok = twelve ? Cdb.zero(cdb, 3, 9) && Cdb.u8(cdb, 9) == 0x0B && Cdb.zero(cdb, 10, 12)
                : Cdb.zero(cdb, 3, 10);
        if (!ok || out.length != 0) {
            return Reply.invalidField();
        }
        reset();
        prepared = true;
        cdbLength = cdb.length;
        Arrays.fill(image, (byte) 0xFF);
        return Reply.good();
    }

    private Reply stream(byte[] cdb, byte[] out) {
        int offset = Cdb.be24(cdb, 3);
        int length = Cdb.be24(cdb, 6);
        if (!Cdb.zero(cdb, 9, cdb.length) || length != CHUNK || out.length != CHUNK || offset % CHUNK != 0
                || offset >= SIZE) {
            return Reply.invalidField();
        }
        if (!prepared || offset != next || cdb.length != cdbLength) {
            return drop(Reply.sequenceError());
        }
        System.arraycopy(out, 0, image, offset, CHUNK);
        next += CHUNK;
        if (next == SIZE) {
            prepared = false;
            drive.burnInBackground(image, 0x10000, SIZE, RESTART); // FM: burns when the last chunk lands
        }
        return Reply.good();
    }

    private Reply commit(byte[] cdb, boolean twelve, byte[] out) {
        boolean ok = twelve && Cdb.zero(cdb, 3, 10) && Cdb.u8(cdb, 10) == 0x1B && Cdb.u8(cdb, 11) == 0x12;
        if (!ok || out.length != 0) {
            return Reply.invalidField();
        }
        // Reached only when no burn runs and no UNIT ATTENTION is pending: there is nothing to commit.
        return drop(Reply.sequenceError());
    }

    private Reply drop(Reply reply) {
        reset();
        return reply;
    }

    @Override
    public boolean writeCommand(byte[] cdb) {
        return (cdb[0] & 0xFF) == 0x3B;
    }

    @Override
    public void reset() {
        prepared = false;
        next = 0;
    }
}
