package dev.odflash.emulator.download;

import dev.odflash.bytes.Ascii;
import dev.odflash.emulator.core.EmulatedAtapiFrontEnd;
import dev.odflash.emulator.core.Reply;
import dev.odflash.transport.TransportException;

import java.util.Arrays;
import java.util.Optional;

/**
 * The download drive's own ATAPI answers, behind the shared {@link EmulatedAtapiFrontEnd} (host limits,
 * the bridge that drops vendor CDBs, faults, UNIT ATTENTION, TEST UNIT READY, REQUEST SENSE). It decodes
 * raw CDB bytes itself and answers INQUIRY (SPC-4 0x12, with the serial's VPD pages) and GET
 * CONFIGURATION (MMC-6 0x46, {@link Features}), then hands everything else to the family's
 * {@link Protocol}. While a burn runs in the background, everything but INQUIRY and REQUEST SENSE
 * answers NOT READY / LONG WRITE IN PROGRESS (2/04/08, FM). WRITE/READ BUFFER pass a dropping bridge
 * (§1.2 [I]: "0x3B/0x3C usually survive BOT bridges"); the 0xFF CDBs TSST drives need do not.
 */
final class DownloadScsi implements EmulatedAtapiFrontEnd.Personality {
    private final DownloadDrive drive;

    DownloadScsi(DownloadDrive drive) {
        this.drive = drive;
    }

    @Override
    public Reply answer(byte[] cdb, byte[] out, int inLength) throws TransportException {
        if (StatusPages.handles(cdb)) { // what a kernel's sr driver asks at attach and on each open
            return StatusPages.answer(cdb, drive.quirks().mediumPresent());
        }
        return (cdb[0] & 0xFF) == 0x46 ? Features.getConfiguration(drive, cdb) : drive.protocol().handle(cdb, out, inLength);
    }

    @Override
    public Optional<byte[]> busy() {
        return drive.burning() ? Optional.of(Reply.longWrite().sense()) : Optional.empty();
    }

    @Override
    public boolean writeCommand(byte[] cdb) {
        return drive.protocol().writeCommand(cdb);
    }

    /** Standard data from the image's INQUIRY template; boot loader: the profile's strings, revision "BOOT". */
    @Override
    public Reply inquiry(byte[] cdb) {
        if ((cdb[1] & 0x01) != 0) {
            return vitalProductData(cdb);
        }
        byte[] data = new byte[96];
        data[0] = 0x05;          // peripheral device type 5: CD/DVD (SPC-4, MMC-6)
        data[1] = (byte) 0x80;   // removable
        data[3] = 0x32;
        data[4] = 0x5B;          // additional length: 96-byte data, as the template's (§4.1 OP)
        var id = drive.identity().filter(i -> drive.state() == BootJudge.State.RUNNING);
        Ascii.put(data, 8, 8, id.map(Identity::vendor).orElse(drive.profile().vendor()));
        Ascii.put(data, 16, 16, id.map(Identity::product).orElse(drive.profile().product()));
        Ascii.put(data, 32, 4, id.map(Identity::revision).orElse("BOOT")); // docs/architecture.md "Boot mode"; CM
        id.flatMap(Identity::date).ifPresent(d -> Ascii.put(data, 36, 16, d));
        int alloc = Cdb.be16(cdb, 3);
        return Reply.data(Arrays.copyOf(data, Math.min(alloc, data.length)));
    }

    /**
     * INQUIRY with EVPD = 1 (SPC-4): page 0x00 lists the pages offered, page 0x80 (Unit Serial Number)
     * carries the serial the unit's data in flash holds, the same one GET CONFIGURATION feature 0x0108
     * reports. A unit without a serial offers no VPD page (CHECK CONDITION, invalid field in CDB).
     */
    private Reply vitalProductData(byte[] cdb) {
        var serial = drive.serial();
        int page = Cdb.u8(cdb, 2);
        int alloc = Cdb.be16(cdb, 3);
        if (serial.isEmpty() || (page != 0x00 && page != 0x80)) {
            return Reply.invalidField();
        }
        byte[] data;
        if (page == 0x00) {
            data = new byte[] {0x05, 0x00, 0x00, 0x02, 0x00, (byte) 0x80};
        } else {
            byte[] s = serial.get().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            data = new byte[4 + s.length];
            data[0] = 0x05;
            data[1] = (byte) 0x80;
            data[2] = (byte) (s.length >> 8);
            data[3] = (byte) s.length;
            System.arraycopy(s, 0, data, 4, s.length);
        }
        return Reply.data(Arrays.copyOf(data, Math.min(alloc, data.length)));
    }

    @Override
    public void close() {
        drive.close();
    }
}
