package dev.odflash.emulator.download;

import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.firmware.BtcFirmware;

import java.util.Optional;

/**
 * BTC DRW-1004/1008/1108 (docs/protocols.md §2.3 BT): an 8051 LJMP/SJMP at every bank and the INQUIRY
 * template at 0x40B4, so the strings sit at 0x40BC/0x40C4/0x40D4; WRITE BUFFER download ({@link BtcProtocol}).
 */
final class BtcPersonality implements LayoutPersonality {
    @Override
    public ImageLayout layout() {
        return ImageLayout.BTC;
    }

    @Override
    public int imageSize() {
        return BtcFirmware.SIZE;
    }

    @Override
    public byte[] image(EmulatorProfile profile, String version) {
        return BtcFirmware.generate(profile.product(), version);
    }

    @Override
    public Optional<Identity> boots(byte[] flash) {
        return BootJudge.banksOk(flash) ? BootJudge.template(flash, 0x40B4) : Optional.empty();
    }

    @Override
    public Protocol protocol(DownloadDrive drive, ReadBufferScope scope) {
        return new BtcProtocol(drive);
    }

    /** A DVD writer: DVD+RW, DVD-RW, DVD-R, CD-ROM, DVD-ROM. */
    @Override
    public int[] mmcProfiles() {
        return new int[] {0x001A, 0x0012, 0x000A, 0x0008, 0x0010};
    }
}
