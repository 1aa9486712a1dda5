package dev.odflash.emulator.download;

import dev.odflash.drive.ImageLayout;
import dev.odflash.emulator.EmulatorProfile;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything the emulated download drive knows about one image layout, in one place: its synthetic
 * firmware, its boot loader's checks, its flashing protocol, what it reports about itself. The drive
 * asks its personality and never decides on a layout's name (as the host's family packages do,
 * docs/how-to-add-a-family.md "The emulated drive"). The facts are the emulator's own, from
 * docs/protocols.md; none comes from the host's code.
 */
sealed interface LayoutPersonality
        permits BtcPersonality, Mt1339Personality, Sd616Personality, Mt1939Personality, Mt1959Personality {
    List<LayoutPersonality> ALL = List.of(new BtcPersonality(), new Mt1339Personality(), new Sd616Personality(),
            new Mt1939Personality(), new Mt1959Personality());

    /** The personality of a download layout. */
    static LayoutPersonality of(ImageLayout layout) {
        for (LayoutPersonality p : ALL) {
            if (p.layout() == layout) {
                return p;
            }
        }
        throw new IllegalArgumentException(layout.word() + " is not a download layout"); // mtk8051 is chip style
    }

    ImageLayout layout();

    /** The one image size of the layout. */
    int imageSize();

    /** The image of {@code version} a vendor updater would carry: no per-unit data. */
    byte[] image(EmulatorProfile profile, String version);

    /** One unit's flash as it leaves the factory: the image plus the unit's own data (8051-era: none is known, §7.9). */
    default byte[] unitFlash(EmulatorProfile profile, String version, String serial, RandomGenerator rng) {
        return image(profile, version);
    }

    /** The first letters of this layout's unit serials (modelled). */
    default String serialPrefix() {
        return "S0";
    }

    /** Bytes at the start of the flash that hold the boot loader (OP: the 8051 families' 16 KiB boot code). */
    default int bootRegion() {
        return 0x4000;
    }

    /** Writes below this offset are ignored by the drive's burner (0: none). */
    default int writeFloor() {
        return 0;
    }

    /** The boot loader's own check beyond the boot region: false means the drive is dead. */
    default boolean bootLoaderIntact(byte[] flash) {
        return true;
    }

    /** The firmware the boot loader starts, judged by its checks; empty: the drive stays in boot mode. */
    Optional<Identity> boots(byte[] flash);

    /** @param scope what READ BUFFER may read (`?readbuffer=`, docs/architecture.md "Emulated drives") */
    Protocol protocol(DownloadDrive drive, ReadBufferScope scope);

    /** Whether {@code ?readbuffer=} applies: the layout reads its flash with READ BUFFER mode 6 (MT1959). */
    default boolean scopedReadBuffer() {
        return false;
    }

    /** The line `info` notes about what the boot loader checks. */
    default String bootNote() {
        return "the image carries no sum the boot loader checks: a burn cut short may boot a mixed image (modelled)";
    }

    /** MMC-6 profile numbers for GET CONFIGURATION, newest media last (default: a DVD-ROM drive). */
    default int[] mmcProfiles() {
        return new int[] {0x0008, 0x0010};
    }

    /** Core feature's physical interface: 2 = ATAPI, 8 = USB. */
    default int physicalInterface() {
        return 0x02;
    }

    /** Where the firmware finds the unit's serial in flash at power-on (features 0x0108, 0x010C); empty: none. */
    default Optional<Integer> serialOffset() {
        return Optional.empty();
    }
}
