package dev.odflash.emulator.download;

import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.firmware.TsstFirmware;

import java.time.Duration;
import java.util.Optional;

/**
 * TSST MT1339 drives (TS-H353 and kin, docs/protocols.md §2.1 RD): 8051 banks and an INQUIRY template after
 * 0x4000; FF 00 01 in 0xFC00 blocks, end state 04, burnt when the last block lands.
 */
final class Mt1339Personality implements LayoutPersonality {
    static final TsstVariant BLOCKS = new TsstVariant(0xFC00, 0x40000, 0, 0x04, false, 0, 0, Duration.ZERO, 0,
            buffer -> buffer);

    @Override
    public ImageLayout layout() {
        return ImageLayout.TSST_MT1339;
    }

    @Override
    public int imageSize() {
        return TsstFirmware.MT1339_SIZE;
    }

    @Override
    public byte[] image(EmulatorProfile profile, String version) {
        return TsstFirmware.mt1339(profile.product(), version);
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
