package dev.odflash.emulator.download;

import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.firmware.TsstFirmware;

import java.time.Duration;
import java.util.Optional;

/**
 * Samsung SD-616 (docs/protocols.md §2.1 RD): 8051 banks and an INQUIRY template after 0x4000; the 0x20000
 * file travels rearranged in a 0x30000 buffer, 0x10000 blocks, end state 02, and the drive rebuilds its
 * image from the buffer with its own copy of the table ({@link TsstVariant#sd616Image}).
 */
final class Sd616Personality implements LayoutPersonality {
    static final TsstVariant BLOCKS = new TsstVariant(0x10000, 0x30000, 0x10000, 0x02, false, 0, 0, Duration.ZERO, 0,
            TsstVariant::sd616Image);

    @Override
    public ImageLayout layout() {
        return ImageLayout.SD616;
    }

    @Override
    public int imageSize() {
        return TsstFirmware.SD616_SIZE;
    }

    @Override
    public byte[] image(EmulatorProfile profile, String version) {
        return TsstFirmware.sd616(version);
    }

    @Override
    public Optional<Identity> boots(byte[] flash) {
        return BootJudge.banksOk(flash) ? BootJudge.search(flash, 0x4000, flash.length) : Optional.empty();
    }

    @Override
    public Protocol protocol(DownloadDrive drive, ReadBufferScope scope) {
        return new TsstProtocol(drive, BLOCKS);
    }
}
