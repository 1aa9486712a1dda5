package dev.odflash.family.external;

import dev.odflash.bytes.Ascii;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.mt19xx.Mt19xxSplice;
import dev.odflash.ops.flash.Decisions;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.TransportException;

import java.util.Arrays;

/**
 * The per-unit data an MT1959 drive keeps by itself, kept by the clip instead (issue 15 §1, docs/protocols.md
 * §2.2): a drive's download path never overwrites its 0x20-byte boot config at 0x3000 nor its calibration NVRAM
 * at 0x1F0000 (odflash's MT19xx rule, family.mt19xx.Mt19xxSplice), but a clip writes every byte. So before the
 * plan, the chip's own config and calibration are read through the programmer and copied into the image; an
 * image carrying another unit's calibration (a raw dump of another drive) is refused, and so is an image for
 * another boot loader (boot ID, the config's first 16 bytes), whatever the flags, as the download path does.
 */
final class ClipUnitData {
    static final int BOOT_ID = 16;

    private ClipUnitData() {
    }

    /** Whether the layout carries per-unit data a clip must keep. */
    static boolean applies(ImageLayout layout) {
        return layout == ImageLayout.MT1959;
    }

    /** The image to write: {@code file} with the chip's own config and calibration; refuses another unit's data. */
    static byte[] keep(ChipChannel channel, byte[] file) throws OdflashException {
        int c = Mt19xxSplice.CONFIG_OFFSET;
        int cal = Mt19xxSplice.CALIBRATION_OFFSET;
        int calLength = Mt19xxSplice.CALIBRATION_LENGTH;
        if (file.length < cal + calLength) {
            throw OdflashException.refused(Gate.PER_UNIT_DATA, "the image is " + file.length + " bytes, too short for"
                    + " the MT1959 layout's calibration at 0x1F0000; nothing was written");
        }
        byte[] config = read(channel, c, Mt19xxSplice.CONFIG_LENGTH);
        byte[] calibration = read(channel, cal, calLength);
        if (!Arrays.equals(config, 0, BOOT_ID, file, c, c + BOOT_ID)) {
            throw OdflashException.refused(Gate.PER_UNIT_DATA, "the chip's boot ID \"" + Ascii.field(config, 0, BOOT_ID)
                    + "\" differs from the image's \"" + Ascii.field(file, c, BOOT_ID) + "\"; odflash never flashes"
                    + " across boot loaders, whatever the flags; nothing was written");
        }
        Decisions.passed("boot id", "the chip's boot ID equals the image's");
        boolean imageHasCalibration = !uniform(file, cal, cal + calLength);
        if (imageHasCalibration && !Arrays.equals(calibration, 0, calLength, file, cal, cal + calLength)) {
            throw OdflashException.refused(Gate.PER_UNIT_DATA, "the image holds another unit's calibration at 0x1F0000"
                    + " (a raw dump of another drive); flash a vendor image, or this unit's own backup; nothing was"
                    + " written");
        }
        Decisions.passed("per-unit data", imageHasCalibration ? "the image's calibration is this unit's own"
                : "the image carries no calibration; the chip's own is kept");
        byte[] image = file.clone();
        System.arraycopy(config, 0, image, c, config.length);
        System.arraycopy(calibration, 0, image, cal, calLength);
        Decisions.FLASH.log(System.Logger.Level.INFO, () -> String.format("per-unit data through the clip: the chip's"
                + " config (%d bytes) kept at 0x%04X and its calibration (%d bytes) at 0x%06X", config.length, c,
                calLength, cal));
        return image;
    }

    private static byte[] read(ChipChannel channel, int offset, int length) throws OdflashException {
        byte[] out = new byte[length];
        int chunk = Math.max(256, channel.maxReadLength());
        try {
            for (int pos = 0; pos < length; pos += chunk) {
                channel.read(offset + pos, out, pos, Math.min(chunk, length - pos));
            }
        } catch (TransportException e) {
            throw OdflashException.device("the chip's per-unit data could not be read through the programmer: "
                    + e.getMessage() + "; nothing was written", e, "read");
        }
        return out;
    }

    /** A blank region (all 0xFF or all 0x00): a vendor image's calibration, which carries no unit's data. */
    private static boolean uniform(byte[] b, int from, int to) {
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
}
