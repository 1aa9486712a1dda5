package dev.odflash.ops.flash;

import dev.odflash.image.ImageReport;
import dev.odflash.image.RebankedLayout;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;

import java.util.Optional;


/**
 * The gates of the one flash pipeline that every family shares (docs/architecture.md safety rules 3, 4):
 * the image against the drive, the medium, the boot region. Each refuses with its own gate; none sends
 * anything to the drive.
 */
final class FlashGates {
    private FlashGates() {
    }

    /**
     * The image against the drive (ImageFit: layout, size, structure, model, version). Layout, size and
     * structure never give way; model gives way to --allow-cross-flash; a same or older version to
     * --allow-reinstall / --allow-older (an unordered pair to --allow-older too); the version gate is skipped for a resume or restore that a
     * journal authorises.
     */
    static void fit(DriveInfo info, ImageReport report, long flashSize, FlashOptions options, boolean journalAuthorised)
            throws OdflashException {
        for (ImageFit.Gate g : ImageFit.check(info, report, flashSize)) {
            if (g.passed()) {
                Decisions.passed(g.name(), g.message());
                continue;
            }
            boolean overridden = switch (g.name()) {
                case ImageFit.MODEL -> options.allowCrossFlash();
                case ImageFit.VERSION -> journalAuthorised || switch (ImageFit.relation(info.inquiry().revision(),
                        report.identity().map(i -> i.revision()).orElse(""), info.bootMode())) {
                    case SAME -> options.allowReinstall();
                    case OLDER, UNORDERED -> options.allowOlder();
                    case NEWER, UNKNOWN -> true;
                };
                default -> false;
            };
            if (overridden) {
                Decisions.overridden(g.name(), g.message(), g.name().equals(ImageFit.MODEL) ? "cross-flash allowed"
                        : journalAuthorised ? "a journal of this drive authorises this image"
                        : "the version relation is allowed by the options given");
            }
            if (!overridden) {
                throw new OdflashException(new Failure.Refusal(Gate.ofWord(g.name()), g.message(),
                        g.name().equals(ImageFit.MODEL) ? Optional.of(Choice.ALLOW_CROSS_FLASH) : g.override(), g.arguments()));
            }
        }
    }

    static void medium(DriveInfo info) throws OdflashException {
        if (info.mediumPresent()) {
            throw OdflashException.refused(Gate.MEDIUM, "a disc is in the drive; eject it before flashing");
        }
        Decisions.passed("medium", "no disc in the drive");
    }

    /**
     * Rule 4 for rebanked LiteOn images: written chip by chip only over a drive whose own content (what
     * the backup holds) has the same rebanked layout ({@link RebankedLayout}); no option overrides it.
     */
    static void bankLayout(byte[] current, byte[] image) throws OdflashException {
        switch (RebankedLayout.forChipWrite(image, current)) {
            case RebankedLayout.ChipWrite.Unbanked u -> { }
            case RebankedLayout.ChipWrite.SameLayout s -> Decisions.passed("bank layout",
                    "the image and the drive's own content are both in the rebanked LiteOn layout");
            case RebankedLayout.ChipWrite.ImageRebankedOnly i -> throw OdflashException.refused(Gate.BANK_LAYOUT,
                    "the image is a rebanked LiteOn image (physical layout) but the drive's own content is not rebanked:"
                            + " written chip by chip its banks would not be where this drive's boot code looks");
            case RebankedLayout.ChipWrite.DriveRebankedOnly d -> throw OdflashException.refused(Gate.BANK_LAYOUT,
                    "the drive's own content is a rebanked LiteOn image (physical layout) and this image is not (a"
                            + " logical-layout or plain image): written chip by chip it would brick the drive");
        }
    }

    /** Rule 3: the boot region is written only when asked for by name. */
    static void boot(byte[] current, byte[] image, int bootRegion, boolean planTouchesBoot, FlashOptions options)
            throws OdflashException {
        if (options.includeBoot() || bootRegion == 0) {
            Decisions.passed("boot", bootRegion == 0 ? "this model has no boot region" : "the boot region is included by request");
            return;
        }
        if (!java.util.Arrays.equals(current, 0, bootRegion, image, 0, bootRegion)) {
            throw OdflashException.refused(Gate.BOOT, String.format("the image differs from the drive in the boot"
                    + " region (0x0000-0x%04X)", bootRegion - 1), Choice.INCLUDE_BOOT);
        }
        if (planTouchesBoot) {
            throw OdflashException.refused(Gate.BOOT, String.format("this chip's erasers cover the boot region"
                    + " (0x0000-0x%04X) together with blocks that change, so the write would erase it (then rewriting"
                    + " the boot region with its verified content)", bootRegion - 1), Choice.INCLUDE_BOOT);
        }
        Decisions.passed("boot", String.format("boot region 0x0000-0x%04X unchanged and not erased", bootRegion - 1));
    }

}
