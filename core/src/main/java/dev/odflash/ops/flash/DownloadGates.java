package dev.odflash.ops.flash;

import dev.odflash.image.ImageReport;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.protocol.download.Mt19xxDownload;
import dev.odflash.transport.TransportException;

import java.util.Arrays;

/** Gates of download-style flashing, checked before anything is streamed (each exit 4). */
final class DownloadGates {
    /** MT1959 per-unit calibration NVRAM (FM dump regions). */
    static final int CALIBRATION = 0x1F0000;
    static final int CALIBRATION_LENGTH = 0x10000;
    static final int BOOT_ID = 16;

    private DownloadGates() {
    }

    /**
     * ImageFit's gates; across layouts never, whatever the flags (docs/architecture.md "Families and layouts");
     * the version gate gives way to this drive's own journal (running an interrupted download again).
     */
    static void fit(ImageReport report, DriveInfo info, FlashOptions options, boolean journalAuthorised)
            throws OdflashException {
        FlashGates.fit(info, report, info.model().orElseThrow().layout().fixedSize(), options, journalAuthorised);
    }

    static void medium(DriveInfo info) throws OdflashException {
        FlashGates.medium(info);
    }

    /**
     * MT19xx: the drive's boot ID must equal the image's (RD aborts on a mismatch even with force, so
     * odflash refuses whatever the flags); a raw dump carrying another unit's calibration is refused;
     * then the drive's 0x20-byte config (0x3000) and calibration (0x1F0000) are kept by the variant's
     * rule ({@code Mt19xxSplice}: RD also clears 0x0000-0xFFFF, FM streams the rest verbatim).
     */
    static boolean keepPerUnitData(Mt19xxDownload mt19xx, byte[] image) throws TransportException, DownloadException {
        byte[] config = mt19xx.readConfig();
        int c = Mt19xxDownload.CONFIG_OFFSET;
        if (config.length < BOOT_ID || !Arrays.equals(config, 0, BOOT_ID, image, c, c + BOOT_ID)) {
            throw new DownloadException("the drive's boot ID \"" + ascii(config, 0, Math.min(BOOT_ID, config.length))
                    + "\" differs from the image's \"" + ascii(image, c, c + BOOT_ID) + "\"; odflash never flashes"
                    + " across boot loaders, whatever the flags", true);
        }
        Decisions.passed("boot id", "the drive's boot ID \"" + ascii(config, 0, BOOT_ID) + "\" equals the image's");
        byte[] calibration = mt19xx.read(CALIBRATION, CALIBRATION_LENGTH);
        boolean imageHasCalibration = !blank(image, CALIBRATION, CALIBRATION + CALIBRATION_LENGTH);
        if (imageHasCalibration && !Arrays.equals(calibration, 0, CALIBRATION_LENGTH, image, CALIBRATION,
                CALIBRATION + CALIBRATION_LENGTH)) {
            throw new DownloadException("the image holds another unit's calibration at 0x1F0000 (a raw dump of"
                    + " another drive); flash a vendor image, or this drive's own backup", true);
        }
        Decisions.passed("per-unit data", imageHasCalibration ? "the image's calibration is this unit's own"
                : "the image carries no calibration");
        mt19xx.keepUnitData(image, config, calibration);
        String cleared = mt19xx.variant() == Mt19xxDownload.Variant.REDUMPER ? "0x0000-0xFFFF set to 0xFF (RD); " : "";
        Decisions.FLASH.log(System.Logger.Level.INFO, () -> String.format("per-unit patch: %sthe drive's config (%d bytes)"
                + " kept at 0x%04X; the drive's calibration (%d bytes) kept at 0x%06X",
                cleared, config.length, c, CALIBRATION_LENGTH, CALIBRATION));
        return true;
    }

    private static boolean blank(byte[] b, int from, int to) {
        byte first = b[from];
        if (first != (byte) 0xFF && first != 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] != first) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from, int to) {
        return dev.odflash.bytes.Ascii.field(b, from, to - from);
    }
}
