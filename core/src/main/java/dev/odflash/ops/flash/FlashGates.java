package dev.odflash.ops.flash;

import dev.odflash.chip.ChipSpec;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageIdentity;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gates checked before any write command (issue: safe flashing; architecture.md safety rules 1,
 * 3, 4). Each refuses with its own message and exit 4; none sends anything to the drive.
 */
final class FlashGates {
    private FlashGates() {
    }

    record ChipTarget(DriveModel model, ChipSpec chip, ChipChannel channel) {
    }

    /** Family known and chip style, a chip channel, the chip identified or named. */
    static ChipTarget chipTarget(DriveInfo info, Device device) throws OdflashException {
        DriveModel model = info.model().orElseThrow(() -> OdflashException.refused("gate family: "
                + info.inquiry().vendor() + " " + info.inquiry().product() + " is not in the drive table;"
                + " odflash sends an unknown drive no vendor command"));
        if (model.family() != DriveFamily.MTK8051) {
            throw OdflashException.refused("gate family: flashing the " + model.family().word()
                    + " family is not implemented in this version");
        }
        ChipChannel channel = device.chipChannel().orElseThrow(() -> OdflashException.refused(
                "gate path: " + Capabilities.backupUnavailableReason(info, device)));
        if (info.jedecId().isEmpty()) {
            throw OdflashException.refused("gate chip: the drive did not identify its flash chip ("
                    + Capabilities.backupUnavailableReason(info, device) + ")");
        }
        ChipSpec chip = info.chip().orElseThrow(() -> OdflashException.refused("gate chip: unknown flash chip (JEDEC "
                + info.jedecId().get() + "): erase and program are refused until the part is named with --chip NAME"
                + " or added with --chip-db FILE"));
        return new ChipTarget(model, chip, channel);
    }

    static void image(ImageReport report, byte[] image, ChipTarget target) throws OdflashException {
        if (image.length != target.chip().size()) {
            throw OdflashException.refused("gate size: the image holds " + image.length + " bytes, the flash ("
                    + target.chip().name() + ") " + target.chip().size());
        }
        if (!report.flashable()) {
            String why = report.checks().stream().filter(c -> !c.passed()).map(ImageCheck::detail)
                    .collect(Collectors.joining("; "));
            throw OdflashException.refused("gate structure: the image fails the family's checks: " + why);
        }
        if (report.layout().orElseThrow() != target.model().layout()) {
            throw OdflashException.refused("gate layout: the image is " + report.layout().get().word()
                    + ", the drive needs " + target.model().layout().word() + " (never across chip generations)");
        }
    }

    /** Model: the image's INQUIRY template against the drive (a drive in BOOT mode reports the same names). */
    static void model(ImageReport report, DriveInfo info, FlashOptions options) throws OdflashException {
        ImageIdentity id = report.identity().orElseThrow();
        boolean same = norm(id.vendor()).equals(norm(info.inquiry().vendor()))
                && norm(id.product()).equals(norm(info.inquiry().product()));
        if (!same && !options.allowCrossFlash()) {
            throw OdflashException.refused("gate model: the image is for " + id.vendor() + " " + id.product()
                    + ", the drive is " + info.inquiry().vendor() + " " + info.inquiry().product()
                    + " (--allow-cross-flash overrides, at your risk)");
        }
    }

    /** Same version needs --allow-reinstall, an older one --allow-older. */
    static void version(ImageReport report, DriveInfo info, FlashOptions options) throws OdflashException {
        String to = report.identity().orElseThrow().revision();
        String from = info.inquiry().revision();
        int order = Versions.compare(to, from);
        if (order == 0 && !options.allowReinstall()) {
            throw OdflashException.refused("gate version: the drive already runs " + from
                    + " (--allow-reinstall flashes it again)");
        }
        if (order < 0 && !options.allowOlder()) {
            throw OdflashException.refused("gate version: " + to + " is older than the drive's " + from
                    + " (--allow-older downgrades)");
        }
    }

    static void medium(DriveInfo info) throws OdflashException {
        if (info.mediumPresent()) {
            throw OdflashException.refused("gate medium: a disc is in the drive; eject it before flashing");
        }
    }

    /** Rule 3: the boot region is written only when asked for by name. */
    static void boot(byte[] current, byte[] image, int bootRegion, boolean planTouchesBoot, FlashOptions options)
            throws OdflashException {
        if (options.includeBoot() || bootRegion == 0) {
            return;
        }
        if (!java.util.Arrays.equals(current, 0, bootRegion, image, 0, bootRegion)) {
            throw OdflashException.refused(String.format("gate boot: the image differs from the drive in the boot"
                    + " region (0x0000-0x%04X); odflash writes it only with --include-boot", bootRegion - 1));
        }
        if (planTouchesBoot) {
            throw OdflashException.refused(String.format("gate boot: this chip's erasers cover the boot region"
                    + " (0x0000-0x%04X) together with blocks that change, so the write would erase it; odflash does"
                    + " that only with --include-boot (it then rewrites the boot region with its verified content)",
                    bootRegion - 1));
        }
    }

    static Optional<String> identityRevision(ImageReport report) {
        return report.identity().map(ImageIdentity::revision);
    }

    private static String norm(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
