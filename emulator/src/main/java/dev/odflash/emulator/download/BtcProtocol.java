package dev.odflash.emulator.download;

import dev.odflash.emulator.core.FixedSense;
import dev.odflash.emulator.core.Reply;

import java.time.Duration;

/**
 * BTC DRW-1004/1008/1108 firmware download (docs/protocols.md §2.3, BT btcflash), all 10-byte WRITE BUFFER:
 * <ol>
 * <li>256 × {@code 3B 06 00 [image offset + 0x20, BE24] 00 10 00 00} with 0x1000 bytes each, in order;</li>
 * <li>{@code 3B 06 00 00 00 00 00 00 20 00} with the 32-byte header: zeros, bytes 30-31 = BE16 sum of all
 *     1 MiB;</li>
 * <li>{@code 3B 07 00 00 00 00 00 00 00 00}: mode 7 "with offsets and save" starts the burn.</li>
 * </ol>
 * The burn runs after mode 7 has answered GOOD (btcflash sleeps 50 s, then polls TEST UNIT READY);
 * TEST UNIT READY says LONG WRITE IN PROGRESS until it is done and the drive has restarted.
 * A first chunk (image offset 0) always starts a new download. A header whose sum does not match the
 * image fails mode 7 with COMMAND SEQUENCE ERROR (SG: bad microcode fails this way) and nothing is
 * burnt: the drive stays on its old firmware. Our judgement: btcflash computes the sum for the drive
 * to check before it writes; no source says the drive burns a mismatching image.
 */
final class BtcProtocol implements Protocol {
    static final int SIZE = 0x100000;        // BT FLASHSIZE
    static final int CHUNK = 0x1000;         // BT: 4 KiB per WRITE BUFFER
    static final int HEADER = 0x20;          // BT: 32-byte header at buffer offset 0, data at +0x20
    /** Modelled: the drive's restart after its burn (BT gives only the host's 50 s wait). */
    static final Duration RESTART = Duration.ofSeconds(2);

    private final DownloadDrive drive;
    private final byte[] image = new byte[SIZE];
    private int chunks;
    private boolean header;
    private int headerSum;

    BtcProtocol(DownloadDrive drive) {
        this.drive = drive;
    }

    @Override
    public Reply handle(byte[] cdb, byte[] out, int inLength) {
        if ((cdb[0] & 0xFF) != 0x3B) {
            return null; // no READ BUFFER or vendor commands in btcflash: 5/20/00
        }
        int mode = Cdb.u8(cdb, 1) & 0x1F;
        int offset = Cdb.be24(cdb, 3);
        int length = Cdb.be24(cdb, 6);
        if (cdb.length != 10 || Cdb.u8(cdb, 2) != 0 || Cdb.u8(cdb, 9) != 0) {
            return Reply.invalidField();
        }
        return switch (mode) {
            case 6 -> data(offset, length, out);
            case 7 -> save(offset, length, out);
            default -> Reply.invalidField();
        };
    }

    private Reply data(int offset, int length, byte[] out) {
        if (length != out.length) {
            return Reply.invalidField(); // parameter list length must be what is transferred
        }
        if (offset == 0 && length == HEADER) {
            if (chunks != SIZE / CHUNK) {
                return drop(Reply.sequenceError()); // BT sends the header after all 256 chunks
            }
            for (int i = 0; i < 30; i++) {
                if (out[i] != 0) {
                    return drop(Reply.check(FixedSense.ILLEGAL_REQUEST, 0x26, 0x00)); // invalid field in parameter list
                }
            }
            header = true;
            headerSum = (out[30] & 0xFF) << 8 | out[31] & 0xFF;
            return Reply.good();
        }
        if (offset < HEADER || (offset - HEADER) % CHUNK != 0 || length != CHUNK || offset - HEADER >= SIZE) {
            return Reply.invalidField();
        }
        int index = (offset - HEADER) / CHUNK;
        if (index == 0) {
            reset();
        }
        if (index != chunks || header) {
            return drop(Reply.sequenceError());
        }
        System.arraycopy(out, 0, image, offset - HEADER, CHUNK);
        chunks++;
        return Reply.good();
    }

    private Reply save(int offset, int length, byte[] out) {
        if (offset != 0 || length != 0 || out.length != 0) {
            return Reply.invalidField();
        }
        if (!header) {
            return drop(Reply.sequenceError());
        }
        int sum = 0;
        for (byte b : image) {
            sum += b & 0xFF;
        }
        if ((sum & 0xFFFF) != headerSum) {
            return drop(Reply.sequenceError());
        }
        drive.burnInBackground(image, 0, SIZE, RESTART);
        reset();
        return Reply.good();
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
        chunks = 0;
        header = false;
        headerSum = 0;
    }
}
