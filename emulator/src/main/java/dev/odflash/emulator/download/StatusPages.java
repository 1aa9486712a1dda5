package dev.odflash.emulator.download;

import dev.odflash.emulator.core.Reply;

import java.util.Arrays;

/**
 * What a kernel's CD/DVD driver asks a drive when it attaches and on every open (Linux sr: MODE SENSE page 2Ah for
 * the capabilities, GET EVENT STATUS NOTIFICATION for the media class; docs/testing.md "USB gadget"), answered so
 * the driver attaches cleanly: MODE SENSE(6) 0x1A and (10) 0x5A page 0x2A, the CD/DVD capabilities and mechanical
 * status page (MMC-3 §5.5.10: reads CD-R/RW and DVD, writes CD-R/RW and DVD-R, tray, eject, lock), and GESN 0x4A
 * polled (MMC-6 §6.6: the media class, no event, the medium's presence). Anything else about those opcodes is
 * invalid field in CDB.
 */
final class StatusPages {
    private static final int CAPABILITIES = 0x2A;
    private static final int ALL_PAGES = 0x3F;
    private static final int MEDIA_CLASS = 0x10;

    private StatusPages() {
    }

    /** True for the opcodes answered here. */
    static boolean handles(byte[] cdb) {
        int op = cdb[0] & 0xFF;
        return op == 0x1A || op == 0x5A || op == 0x4A;
    }

    static Reply answer(byte[] cdb, boolean mediumPresent) {
        int op = cdb[0] & 0xFF;
        return op == 0x4A ? eventStatus(cdb, mediumPresent) : modeSense(cdb, op == 0x5A);
    }

    private static Reply modeSense(byte[] cdb, boolean ten) {
        int page = cdb[2] & 0x3F;
        int control = (cdb[2] & 0xC0) >> 6; // 0 current, 1 changeable, 2 default, 3 saved (not supported)
        if ((page != CAPABILITIES && page != ALL_PAGES) || control == 3) {
            return Reply.invalidField();
        }
        byte[] p = new byte[22];
        p[0] = CAPABILITIES;
        p[1] = 20;                      // page length
        if (control != 1) {             // the changeable mask is all zero: nothing here can be changed
            p[2] = 0x3B;                // reads CD-R, CD-RW, method 2, DVD-ROM, DVD-R
            p[3] = 0x13;                // writes CD-R, CD-RW, DVD-R
            p[4] = 0x70;                // multi-session, mode 2 form 1 and 2
            p[5] = 0x02;                // CD-DA commands supported
            p[6] = 0x29;                // tray loading mechanism (001b), eject, lock
            p[8] = 0x1B;                // maximum read speed 7056 kB/s (40x CD)
            p[9] = (byte) 0x90;
            p[12] = 0x08;               // buffer 2048 KiB
            p[14] = 0x1B;               // current read speed
            p[15] = (byte) 0x90;
        }
        int header = ten ? 8 : 4;
        byte[] data = new byte[header + p.length];
        if (ten) {
            data[1] = (byte) (data.length - 2); // mode data length, bytes 0-1
        } else {
            data[0] = (byte) (data.length - 1);
        }
        System.arraycopy(p, 0, data, header, p.length); // no block descriptor
        int alloc = ten ? Cdb.be16(cdb, 7) : Cdb.u8(cdb, 4);
        return Reply.data(Arrays.copyOf(data, Math.min(alloc, data.length)));
    }

    private static Reply eventStatus(byte[] cdb, boolean mediumPresent) {
        if ((cdb[1] & 0x01) == 0) {
            return Reply.invalidField(); // asynchronous notification is not offered
        }
        int alloc = Cdb.be16(cdb, 7);
        byte[] data;
        if ((cdb[4] & MEDIA_CLASS) == 0) {
            data = new byte[] {0x00, 0x02, (byte) 0x80, MEDIA_CLASS}; // NEA: none of the classes asked for
        } else {
            data = new byte[] {0x00, 0x06, 0x04, MEDIA_CLASS, 0x00, (byte) (mediumPresent ? 0x02 : 0x00), 0x00, 0x00};
        }
        return Reply.data(Arrays.copyOf(data, Math.min(alloc, data.length)));
    }
}
