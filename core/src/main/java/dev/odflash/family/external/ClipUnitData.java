package dev.odflash.family.external;

import dev.odflash.bytes.Ascii;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.mt19xx.Mt19xxSplice;
import dev.odflash.image.ImageBytes;
import dev.odflash.ops.flash.Decisions;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

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
    /** Every MT1959 boot ID starts so (the drive table's bootId values, after redumper's allow-list). */
    static final String MT1959_BOOT = "MT1959 Boot ";

    private ClipUnitData() {
    }

    /** Whether the layout carries per-unit data a clip must keep. */
    static boolean applies(ImageLayout layout) {
        return layout == ImageLayout.MT1959;
    }

    /**
     * The image to write: {@code file} with the chip's own config and calibration; refuses another unit's data.
     * A chip whose config no longer starts with an MT1959 boot ID (a bricked chip, rules named with --model) has
     * no config to keep: the image's is written when its boot ID is the row's ({@code rowBootId}); a blank
     * calibration on the chip has none to keep either, and the image's (this unit's backup) is written.
     */
    static byte[] keep(ChipChannel channel, byte[] file, Optional<String> rowBootId) throws OdflashException {
        int c = Mt19xxSplice.CONFIG_OFFSET;
        int cal = Mt19xxSplice.CALIBRATION_OFFSET;
        int calLength = Mt19xxSplice.CALIBRATION_LENGTH;
        if (file.length < cal + calLength) {
            throw OdflashException.refused(Gate.PER_UNIT_DATA, "the image is " + file.length + " bytes, too short for"
                    + " the MT1959 layout's calibration at 0x1F0000; nothing was written");
        }
        byte[] config = read(channel, c, Mt19xxSplice.CONFIG_LENGTH);
        byte[] calibration = read(channel, cal, calLength);
        boolean chipConfig = Ascii.field(config, 0, BOOT_ID).startsWith(MT1959_BOOT);
        if (!chipConfig) {
            String want = rowBootId.orElse("");
            if (want.length() != BOOT_ID || !Arrays.equals(want.getBytes(StandardCharsets.US_ASCII), 0, BOOT_ID, file, c,
                    c + BOOT_ID)) {
                throw OdflashException.refused(Gate.PER_UNIT_DATA, "the chip holds no MT1959 boot config any more, and"
                        + " the image's boot ID \"" + Ascii.field(file, c, BOOT_ID) + "\" is not the drive table's \""
                        + want + "\" for this drive; nothing was written");
            }
            config = Arrays.copyOfRange(file, c, c + Mt19xxSplice.CONFIG_LENGTH);
            Decisions.passed("boot id", "the chip's config is gone; the image's boot ID is the drive table's");
        } else if (!Arrays.equals(config, 0, BOOT_ID, file, c, c + BOOT_ID)) {
            throw OdflashException.refused(Gate.PER_UNIT_DATA, "the chip's boot ID \"" + Ascii.field(config, 0, BOOT_ID)
                    + "\" differs from the image's \"" + Ascii.field(file, c, BOOT_ID) + "\"; odflash never flashes"
                    + " across boot loaders, whatever the flags; nothing was written");
        }
        if (chipConfig) {
            Decisions.passed("boot id", "the chip's boot ID equals the image's");
        }
        if (ImageBytes.blank(calibration, 0, calLength)) {
            calibration = Arrays.copyOfRange(file, cal, cal + calLength); // nothing on the chip to keep
        }
        boolean imageHasCalibration = !ImageBytes.blank(file, cal, calLength);
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
        Decisions.FLASH.log(System.Logger.Level.INFO, () -> String.format("per-unit data through the clip: %s config"
                + " at 0x%04X and calibration at 0x%06X", chipConfig ? "the chip's own" : "the image's", c, cal));
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

}
