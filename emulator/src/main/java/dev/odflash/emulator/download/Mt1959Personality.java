package dev.odflash.emulator.download;

import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.firmware.Mt1959Firmware;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * LG/ASUS MT1959 (docs/protocols.md §2.2 RD/FM, §4.3): the boot loader owns 0-0xFFFF and needs its banner
 * "MT1959 Boot " at 0x3000; it starts the firmware when the CMAC table at 0x10400 is well formed and its MACs
 * match under the emulator's made-up key ({@link BootCmac}), with an INQUIRY template after 0x10000
 * (modelled); WRITE BUFFER modes 1/6/7 and READ BUFFER mode 6 ({@link Mt1959Protocol}); serial in the
 * calibration NVRAM at 0x1F0000.
 */
final class Mt1959Personality implements LayoutPersonality {
    @Override
    public ImageLayout layout() {
        return ImageLayout.MT1959;
    }

    @Override
    public int imageSize() {
        return Mt1959Firmware.SIZE;
    }

    @Override
    public byte[] image(EmulatorProfile profile, String version) {
        return Mt1959Firmware.generate(profile.product(), version, DownloadFirmware.MT1959_KEY, Optional.empty());
    }

    @Override
    public byte[] unitFlash(EmulatorProfile profile, String version, String serial, RandomGenerator rng) {
        return Mt1959Firmware.generate(profile.product(), version, DownloadFirmware.MT1959_KEY, Optional.of(serial));
    }

    @Override
    public String serialPrefix() {
        return "KZ";
    }

    @Override
    public int bootRegion() {
        return 0x10000; // RD clears it before the download; the drive ignores writes there
    }

    @Override
    public int writeFloor() {
        return 0x10000;
    }

    @Override
    public boolean bootLoaderIntact(byte[] flash) {
        return new String(flash, 0x3000, 12, StandardCharsets.ISO_8859_1).equals("MT1959 Boot ");
    }

    @Override
    public Optional<Identity> boots(byte[] flash) {
        return BootJudge.cmacTableOk(flash) && BootCmac.tableMatches(flash, DownloadFirmware.MT1959_KEY)
                ? BootJudge.search(flash, 0x10000, 0x1EC000) : Optional.empty();
    }

    @Override
    public Protocol protocol(DownloadDrive drive, ReadBufferScope scope) {
        return new Mt1959Protocol(drive, scope);
    }

    @Override
    public boolean scopedReadBuffer() {
        return true;
    }

    @Override
    public String bootNote() {
        return "READ BUFFER mode 6 reads the whole flash here (retail firmware: unknown, docs/protocols.md §7.7);"
                + " the boot loader checks the CMAC table under the emulator's made-up key (modelled)";
    }

    @Override
    public int[] mmcProfiles() {
        return BootJudge.BLU_RAY_PROFILES.clone();
    }

    @Override
    public Optional<Integer> serialOffset() {
        return Optional.of(DownloadFirmware.MT1959_CALIBRATION);
    }
}
