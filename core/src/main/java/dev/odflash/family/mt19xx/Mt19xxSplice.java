package dev.odflash.family.mt19xx;

import dev.odflash.family.Mt19xxVariant;

import java.util.Arrays;

/**
 * What an MT19xx download sends in place of the file (docs/protocols.md §2.2), per variant:
 * <ul>
 * <li>{@link Mt19xxVariant#REDUMPER}: RD's own rule (step 4: bytes 0x0000-0xFFFF set to 0xFF,
 *     the drive's 0x20-byte config copied to 0x3000), plus the drive's calibration at 0x1F0000;</li>
 * <li>{@link Mt19xxVariant#FREEMKV}: the file as FM streams it (verbatim), except the drive's
 *     config at 0x3000 and calibration at 0x1F0000.</li>
 * </ul>
 * Keeping the config and the calibration in both variants is odflash's choice, not the sources': a
 * vendor image or another unit's dump would otherwise overwrite this unit's own data (docs/architecture.md
 * "Families and layouts").
 */
public final class Mt19xxSplice {
    public static final int CONFIG_OFFSET = 0x3000;
    public static final int CONFIG_LENGTH = 0x20;
    /** FM's per-unit calibration NVRAM region. */
    public static final int CALIBRATION_OFFSET = 0x1F0000;
    public static final int CALIBRATION_LENGTH = 0x10000;
    /** RD step 4 clears the first 64 KiB (the boot area the drive keeps). */
    public static final int CLEARED_LENGTH = 0x10000;

    private Mt19xxSplice() {
    }

    /** Patches {@code image} in place with the drive's own config and calibration, by the variant's rule. */
    public static void keepUnitData(Mt19xxVariant variant, byte[] image, byte[] config, byte[] calibration) {
        if (config.length != CONFIG_LENGTH || calibration.length != CALIBRATION_LENGTH
                || image.length < CALIBRATION_OFFSET + CALIBRATION_LENGTH) {
            throw new IllegalArgumentException("config " + config.length + " bytes, calibration " + calibration.length
                    + " bytes, image " + image.length + " bytes do not fit the MT19xx layout");
        }
        if (variant == Mt19xxVariant.REDUMPER) {
            Arrays.fill(image, 0, CLEARED_LENGTH, (byte) 0xFF);
        }
        System.arraycopy(config, 0, image, CONFIG_OFFSET, CONFIG_LENGTH);
        System.arraycopy(calibration, 0, image, CALIBRATION_OFFSET, CALIBRATION_LENGTH);
    }
}
