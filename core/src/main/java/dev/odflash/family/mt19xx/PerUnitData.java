package dev.odflash.family.mt19xx;

import dev.odflash.bytes.Ascii;
import dev.odflash.family.Mt19xxVariant;
import dev.odflash.image.ImageBytes;
import dev.odflash.ops.flash.Decisions;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * MT19xx per-unit gates and patch (docs/protocols.md §2.2): the image's boot ID must be the one the drive
 * table lists for this model (RD's allow-list), and the drive's own boot ID must equal the image's (RD aborts
 * on a mismatch even with force, so odflash refuses both whatever the flags); a raw dump carrying
 * another unit's calibration is refused; then the image is patched as RD does (0x0000-0xFFFF to 0xFF, the
 * drive's 0x20-byte config at 0x3000) and the drive's own calibration is kept at 0x1F0000 (FM's per-unit
 * region).
 */
final class PerUnitData {
    /** MT1959 per-unit calibration NVRAM (FM dump regions). */
    static final int CALIBRATION = 0x1F0000;
    static final int CALIBRATION_LENGTH = 0x10000;
    static final int BOOT_ID = 16;

    private PerUnitData() {
    }

    /** Patches {@code image} in place with this unit's data; refuses (before anything is sent) what would brick it. */
    static boolean keep(Mt19xxDownload mt19xx, byte[] image, String model, Optional<String> tableBootId)
            throws TransportException, DownloadException {
        int c = Mt19xxDownload.CONFIG_OFFSET;
        String imageBootId = ascii(image, c, c + BOOT_ID);
        if (tableBootId.isEmpty()) {
            throw new DownloadException("the drive table lists no boot ID for " + model + ", so odflash cannot check"
                    + " the image's boot loader; it flashes only models whose boot ID is known", true);
        }
        byte[] want = tableBootId.get().getBytes(StandardCharsets.US_ASCII);
        if (want.length != BOOT_ID || !Arrays.equals(image, c, c + BOOT_ID, want, 0, BOOT_ID)) {
            throw new DownloadException("the image's boot ID \"" + imageBootId + "\" is not " + model + "'s \""
                    + tableBootId.get() + "\" (the drive table, after redumper's allow-list): an image for another"
                    + " boot loader", true);
        }
        Decisions.passed("boot id", "the image's boot ID \"" + imageBootId + "\" is the one the table lists for " + model);
        byte[] config = mt19xx.readConfig();
        if (config.length < BOOT_ID || !Arrays.equals(config, 0, BOOT_ID, image, c, c + BOOT_ID)) {
            throw new DownloadException("the drive's boot ID \"" + ascii(config, 0, Math.min(BOOT_ID, config.length))
                    + "\" differs from the image's \"" + ascii(image, c, c + BOOT_ID) + "\"; odflash never flashes"
                    + " across boot loaders, whatever the flags", true);
        }
        Decisions.passed("boot id", "the drive's own boot ID equals the image's");
        byte[] calibration = mt19xx.read(CALIBRATION, CALIBRATION_LENGTH);
        boolean imageHasCalibration = !ImageBytes.blank(image, CALIBRATION, CALIBRATION_LENGTH);
        if (imageHasCalibration && !Arrays.equals(calibration, 0, CALIBRATION_LENGTH, image, CALIBRATION,
                CALIBRATION + CALIBRATION_LENGTH)) {
            throw new DownloadException("the image holds another unit's calibration at 0x1F0000 (a raw dump of"
                    + " another drive); flash a vendor image, or this drive's own backup", true);
        }
        Decisions.passed("per-unit data", imageHasCalibration ? "the image's calibration is this unit's own"
                : "the image carries no calibration");
        mt19xx.keepUnitData(image, config, calibration);
        String cleared = mt19xx.variant() == Mt19xxVariant.REDUMPER ? "0x0000-0xFFFF set to 0xFF (RD); " : "";
        Decisions.FLASH.log(System.Logger.Level.INFO, () -> String.format("per-unit patch: %sthe drive's config (%d bytes)"
                + " kept at 0x%04X; the drive's calibration (%d bytes) kept at 0x%06X",
                cleared, config.length, c, CALIBRATION_LENGTH, CALIBRATION));
        return true;
    }

    private static String ascii(byte[] b, int from, int to) {
        return Ascii.field(b, from, to - from);
    }
}
