package dev.odflash.emulator.download;

import dev.odflash.emulator.core.Reply;

/**
 * READ BUFFER mode 6 as a flash reader: {@code 3C 06 00 [offset BE24] [length BE24] 00} (10 bytes, RD)
 * or the same with three more zero bytes (12 bytes, FM's PROBE {@code 3C 06 00 1E C0 00 00 01 00 00 00 00}).
 * CM ({@code doc/bootloader.txt}) reads the MT1939's flash through this 24-bit window, boot area
 * included; FM reads the boot banner (0x3000), identity page (0x1EC000) and calibration (0x1F0000).
 * Whether retail firmware allows the whole 0-0x1FFFFF is not known (docs/protocols.md §7.7): here the whole
 * flash is readable (modelled) unless {@code ?readbuffer=regions} limits it to the sources' regions
 * ({@link ReadBufferScope}). Other modes and buffer IDs, and reads outside the scope: INVALID FIELD IN CDB.
 */
final class ReadBufferWindow {
    private ReadBufferWindow() {
    }

    static Reply read(DownloadDrive drive, byte[] cdb, int flashSize, ReadBufferScope scope) {
        if (cdb.length != 10 && cdb.length != 12 || (Cdb.u8(cdb, 1) & 0x1F) != 6 || Cdb.u8(cdb, 2) != 0
                || !Cdb.zero(cdb, 9, cdb.length)) {
            return Reply.invalidField();
        }
        int offset = Cdb.be24(cdb, 3);
        int length = Cdb.be24(cdb, 6);
        if ((long) offset + length > flashSize || !scope.allows(offset, length)) {
            return Reply.invalidField();
        }
        return Reply.data(drive.readFlash(offset, length));
    }
}
