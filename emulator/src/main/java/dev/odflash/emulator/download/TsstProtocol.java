package dev.odflash.emulator.download;

import dev.odflash.emulator.core.Reply;
import dev.odflash.transport.TransportException;

/**
 * TSST/MediaTek firmware download (docs/protocols.md §2.1, RD {@code CDB12_FlashTSST}, CM
 * {@code lib/mt1939_scsi.h}): 12-byte {@code FF 00 01 00 00 <state> 00 00 00 00 00 00}, data out, no
 * offset: state 00 = first block (always starts a new download), FF = continuation, the variant's end
 * state on the last block ({@link TsstVariant}). RD puts the LUN in byte 1 bits 7-5: ignored. Any
 * step off that plan drops the download and fails with COMMAND SEQUENCE ERROR; bytes that must be zero
 * and are not, or an unknown state byte, with INVALID FIELD IN CDB.
 *
 * <p>Burn and timing: MT1339 and SD-616 burn when the last block lands, inside that command (RD README:
 * "a few seconds"; the time is the chip's). MT1939 (CM USB capture): the 17th block stalls ~10 s while
 * the drive commits the first half, the last 0x800 block ~10 s more for the second half, its status
 * reports residue 0x800, and the drive reboots into the new image by itself. Every drive restarts after
 * its burn and reports the revision of the image it now holds, or "BOOT".
 *
 * <p>Other subcommands (CM {@code doc/bootloader.txt}): {@code FF 00 FF … AA} (byte 11 = AA, 8 bytes in)
 * returns {@code 00 06 01 01 54 53 20 00} on the MT1939; any other FF subcommand is ignored silently
 * (GOOD), on MT1339/SD-616 too (inference: CM describes the MT1939 boot loader only). The MT1939 also
 * reads its flash with READ BUFFER mode 6 (CM), see {@link ReadBufferWindow}.
 */
final class TsstProtocol implements Protocol {
    static final byte[] VERSION = {0x00, 0x06, 0x01, 0x01, 0x54, 0x53, 0x20, 0x00}; // CM bootloader answer

    private final DownloadDrive drive;
    private final TsstVariant plan;
    private final byte[] buffer;
    private boolean active;
    private int received;
    private int blocks;

    TsstProtocol(DownloadDrive drive, TsstVariant plan) {
        this.drive = drive;
        this.plan = plan;
        this.buffer = new byte[plan.total()];
    }

    @Override
    public Reply handle(byte[] cdb, byte[] out, int inLength) throws TransportException {
        int opcode = cdb[0] & 0xFF;
        if (opcode == 0x3C && plan.bootLoaderCommands()) {
            return ReadBufferWindow.read(drive, cdb, plan.total(), ReadBufferScope.WHOLE);
        }
        if (opcode != 0xFF) {
            return null;
        }
        if (cdb.length != 12) {
            return Reply.invalidField();
        }
        int sub = subcommand(cdb);
        if (sub == 0x0001) {
            return download(cdb, out);
        }
        if (sub == 0x00FF && Cdb.u8(cdb, 11) == 0xAA && plan.bootLoaderCommands()) {
            return Reply.data(VERSION.clone());
        }
        return Reply.good(); // CM: unknown FF subcommands are ignored silently
    }

    /** CM reads bytes 1-2 as a 16-bit subcommand; RD's LUN bits (byte 1, 7-5) are masked off. */
    private static int subcommand(byte[] cdb) {
        return (Cdb.u8(cdb, 1) & 0x1F) << 8 | Cdb.u8(cdb, 2);
    }

    private Reply download(byte[] cdb, byte[] out) throws TransportException {
        int state = Cdb.u8(cdb, 5);
        if (!Cdb.zero(cdb, 3, 5) || !Cdb.zero(cdb, 6, 12)
                || state != 0x00 && state != 0xFF && state != plan.endState()) {
            return drop(Reply.invalidField());
        }
        if (state == 0x00) {
            reset();
            active = true;
        } else if (!active) {
            return Reply.sequenceError(); // a continuation or end block without a first block
        }
        boolean last = state == plan.endState();
        boolean sizeOk = last ? plan.lastSizeOk(received, out.length)
                : out.length == plan.block() && received + out.length < plan.total();
        if (!sizeOk) {
            return drop(Reply.sequenceError());
        }
        System.arraycopy(out, 0, buffer, received, out.length);
        received += out.length;
        blocks++;
        if (blocks == plan.halfBlocks() && !last) {
            drive.burnNow(buffer, 0, plan.firstHalf(), plan.stall());
            return Reply.good();
        }
        if (!last) {
            return Reply.good();
        }
        active = false;
        byte[] image = plan.toImage().apply(buffer);
        int from = plan.halfBlocks() > 0 ? plan.firstHalf() : 0; // the first half is already burnt
        drive.burnNow(image, from, image.length, plan.stall());
        drive.restart();
        return plan.lastResidue() == 0 ? Reply.good() : Reply.goodWithResidue(plan.lastResidue());
    }

    private Reply drop(Reply reply) {
        reset();
        return reply;
    }

    @Override
    public boolean writeCommand(byte[] cdb) {
        return (cdb[0] & 0xFF) == 0xFF && cdb.length >= 3 && subcommand(cdb) == 0x0001;
    }

    @Override
    public void reset() {
        active = false;
        received = 0;
        blocks = 0;
    }
}
