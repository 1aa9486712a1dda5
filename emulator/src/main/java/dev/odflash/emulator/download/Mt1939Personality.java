package dev.odflash.emulator.download;

import dev.odflash.bytes.Ascii;
import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.firmware.Mt1939Firmware;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Samsung SE-506CB, MT1939 (docs/protocols.md §2.1 CM): the boot loader owns 0-0xFFFF (write-protected) and
 * checks the BE16 sum of 0x10000-0x1E1FFF against the word at 0x1FFFFE and a printable infonub at 0x1FFFD0;
 * FF 00 01 in 0xF800 blocks and a last 0x800 block (end state 02), committed in two halves with a ~10 s
 * stall each, residue 0x800 on the last block; READ BUFFER mode 6 and the FF 00 FF version query answered
 * by its boot loader. A native USB device; per-unit data (serial, learnt values) at 0x1E2000 (modelled).
 */
final class Mt1939Personality implements LayoutPersonality {
    static final Duration STALL = Duration.ofSeconds(10);  // CM: "stalls about 10 s"
    static final int HALF_BLOCKS = 17;                      // CM: "after 17 writes (≈1 MiB)"
    static final TsstVariant BLOCKS = new TsstVariant(0xF800, 0x200000, 0x800, 0x02, true, HALF_BLOCKS,
            0x100000, STALL, 0x800,
            buffer -> buffer);

    @Override
    public ImageLayout layout() {
        return ImageLayout.MT1939;
    }

    @Override
    public int imageSize() {
        return Mt1939Firmware.SIZE;
    }

    @Override
    public byte[] image(EmulatorProfile profile, String version) {
        return Mt1939Firmware.generate(version);
    }

    @Override
    public byte[] unitFlash(EmulatorProfile profile, String version, String serial, RandomGenerator rng) {
        byte[] image = image(profile, version);
        int unit = DownloadFirmware.MT1939_UNIT;
        Ascii.put(image, unit, 16, serial);
        for (int i = unit + 16; i < unit + 0x1000; i++) {
            image[i] = (byte) rng.nextInt(256); // learnt servo/laser values (modelled)
        }
        return image;
    }

    @Override
    public int bootRegion() {
        return 0x10000;
    }

    @Override
    public int writeFloor() {
        return 0x10000;
    }

    @Override
    public Optional<Identity> boots(byte[] flash) {
        return BootJudge.mt1939(flash);
    }

    @Override
    public Protocol protocol(DownloadDrive drive, ReadBufferScope scope) {
        return new TsstProtocol(drive, BLOCKS);
    }

    @Override
    public String bootNote() {
        return "the boot loader checks the BE16 sum at 0x1FFFFE (coastermelt); READ BUFFER mode 6 reads the flash";
    }

    @Override
    public int[] mmcProfiles() {
        return BootJudge.BLU_RAY_PROFILES.clone();
    }

    @Override
    public int physicalInterface() {
        return 0x08; // CM §1.2: the SE-506CB is a native USB device
    }

    @Override
    public Optional<Integer> serialOffset() {
        return Optional.of(DownloadFirmware.MT1939_UNIT);
    }
}
