package dev.odflash.emulator.download;

import dev.odflash.bytes.Sha256;
import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.EmulatorProfile;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The synthetic images behind the download-family profiles (the generators of
 * {@code dev.odflash.emulator.firmware}): {@link #image} is what a vendor updater would carry;
 * {@link #unitFlash} is one unit's flash, with its per-unit data, as the drive leaves the factory.
 */
public final class DownloadFirmware {
    /**
     * The AES-128 key the emulated MT1959's synthetic images carry their CMAC table under. Made up
     * (odflash ships no vendor key); the emulated drive does not check MACs (modelled, §4.3).
     */
    public static final byte[] MT1959_KEY = "odflash-emulated".getBytes(StandardCharsets.US_ASCII);
    /** MT1939 per-unit data (modelled): inside CM's information region 0x1E2000-0x1FFFFF, not checksummed. */
    public static final int MT1939_UNIT = 0x1E2000;
    /** MT1959 per-unit calibration NVRAM (FM), serial in its first 16 bytes (modelled). */
    public static final int MT1959_CALIBRATION = 0x1F0000;

    private DownloadFirmware() {
    }

    /** Image size of a download layout. */
    public static int size(ImageLayout layout) {
        return LayoutPersonality.of(layout).imageSize();
    }

    /** The download image of {@code version} for the profile's drive: no per-unit data. */
    public static byte[] image(EmulatorProfile profile, String version) {
        return LayoutPersonality.of(profile.layout()).image(profile, version);
    }

    /** One unit's flash holding {@code version}: the image plus that unit's serial and calibration. */
    public static byte[] unitFlash(EmulatorProfile profile, String version, String unit) {
        return LayoutPersonality.of(profile.layout()).unitFlash(profile, version, serial(profile, unit),
                random(profile, unit));
    }

    /** A unit's serial number: derived from the profile and the unit name, so two units differ. */
    public static String serial(EmulatorProfile profile, String unit) {
        long n = Math.floorMod(random(profile, unit).nextLong(), 100_000_000L);
        return LayoutPersonality.of(profile.layout()).serialPrefix() + String.format("%08d", n);
    }

    private static RandomGenerator random(EmulatorProfile profile, String unit) {
        byte[] d = Sha256.digest().digest((profile.name() + "\0" + unit).getBytes(StandardCharsets.UTF_8));
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = seed << 8 | (d[i] & 0xFF);
        }
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }
}
