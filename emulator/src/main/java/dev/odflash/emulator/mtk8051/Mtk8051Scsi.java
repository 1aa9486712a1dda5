package dev.odflash.emulator.mtk8051;

import dev.odflash.bytes.Ascii;
import dev.odflash.emulator.ConfigurationReply;
import dev.odflash.emulator.core.EmulatedAtapiFrontEnd;
import dev.odflash.emulator.core.Reply;

/**
 * The emulated drive's own ATAPI answers, behind the shared {@link EmulatedAtapiFrontEnd} (which
 * handles host limits, faults, UNIT ATTENTION, TEST UNIT READY and REQUEST SENSE). It decodes raw CDB
 * bytes itself (it never reuses the host's encoders) and answers the identity commands an 8051-era
 * CD-RW answers: INQUIRY (SPC-4 0x12) and GET CONFIGURATION (MMC-6 0x46); everything else gets
 * ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE (5/20/00) as a real drive gives.
 */
final class Mtk8051Scsi implements EmulatedAtapiFrontEnd.Personality {
    private final Mtk8051Drive drive;

    Mtk8051Scsi(Mtk8051Drive drive) {
        this.drive = drive;
    }

    @Override
    public Reply answer(byte[] cdb, byte[] out, int inLength) {
        return (cdb[0] & 0xFF) == 0x46 ? getConfiguration(cdb) : null;
    }

    @Override
    public Reply inquiry(byte[] cdb) {
        if ((cdb[1] & 0x01) != 0) {
            return Reply.invalidField(); // EVPD pages are not offered by this drive
        }
        byte[] data = new byte[96];
        var firmware = drive.firmware();
        if (drive.state() == PowerState.RUNNING && firmware.inquiryTemplate().isPresent()) {
            byte[] t = firmware.inquiryTemplate().get();
            System.arraycopy(t, 0, data, 0, t.length);
        } else { // boot loader: the same vendor/product, revision "BOOT" (docs/architecture.md "Boot mode")
            data[0] = 0x05;
            data[1] = (byte) 0x80;
            data[3] = 0x32;
            data[4] = 0x5B;
            Ascii.put(data, 8, 8, drive.profile().vendor());
            Ascii.put(data, 16, 16, drive.profile().product());
            Ascii.put(data, 32, 4, "BOOT");
        }
        int alloc = (cdb[3] & 0xFF) << 8 | cdb[4] & 0xFF;
        return Reply.data(java.util.Arrays.copyOf(data, Math.min(alloc, data.length)));
    }

    /** Profile list (CD-RW, CD-R, CD-ROM), Core (ATAPI), Removable Medium; MMC-6 §5.3. */
    private Reply getConfiguration(byte[] cdb) {
        if (cdb.length < 10) {
            return Reply.invalidField();
        }
        int rt = cdb[1] & 0x03;
        int start = (cdb[2] & 0xFF) << 8 | cdb[3] & 0xFF;
        int alloc = (cdb[7] & 0xFF) << 8 | cdb[8] & 0xFF;
        boolean medium = drive.quirks().mediumPresent();
        int current = medium ? 0x0009 : 0x0000;
        byte[][] features = {
            {0x00, 0x00, 0x03, 12, 0x00, 0x0A, (byte) (current == 0x0A ? 1 : 0), 0,
                0x00, 0x09, (byte) (current == 0x09 ? 1 : 0), 0, 0x00, 0x08, 0, 0},
            {0x00, 0x01, 0x07, 8, 0, 0, 0, 0x02, 0, 0, 0, 0},
            {0x00, 0x03, 0x03, 4, 0x29, 0, 0, 0},
        };
        return Reply.data(ConfigurationReply.assemble(java.util.List.of(features), rt, start, alloc, current));
    }

    @Override
    public void close() {
        drive.close();
    }
}
