package dev.odflash.ops.flash;

import dev.odflash.image.ImageReport;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every gate `flash` would apply to an image on a drive, evaluated without writing, for `identify --device`
 * (docs/architecture.md "Options and output"). The evaluation is flash's own: the one flash pipeline runs as
 * a dry run (family, path, chip, journal, image fit, medium, per-unit data, boot region: whatever the drive's
 * family checks, in the pipeline's order), so the two can never disagree. The image-fit gates are listed as
 * well, each with the verdict flash gives it under the same options.
 */
public final class FlashPreflight {
    private final BackupLibrary library;
    private final Clock clock;
    private final DriveProbe reprobe;

    public FlashPreflight(BackupLibrary library, Clock clock, DriveProbe reprobe) {
        this.library = library;
        this.clock = clock;
        this.reprobe = reprobe;
    }

    /**
     * @return the gates in flash's terms; all passed means `flash` with these options would go ahead
     * @throws OdflashException a device error while evaluating (the drive stopped answering), never a gate
     */
    public List<ImageFit.Gate> gates(dev.odflash.transport.Device device, DriveInfo info, byte[] image,
                                     ImageReport report, Path imageFile, FlashOptions options, Progress progress)
            throws OdflashException {
        FlashOptions dry = new FlashOptions(options.allowCrossFlash(), options.allowReinstall(), options.allowOlder(),
                options.includeBoot(), true, true, options.backupFile(), options.withoutBackup(), options.mt19xxVariant(),
                options.regionsOnly(), options.restore(), options.cancellation(), options.allowUnprotect());
        List<ImageFit.Gate> out = new ArrayList<>(ImageFit.check(info, report, ImageFit.expectedSize(info)));
        Optional<ImageFit.Gate> refusal = Optional.empty();
        try {
            new FlashOperation(library, clock, reprobe).run(device, info, image, imageFile, dry, summary -> false, progress);
        } catch (OdflashException e) {
            if (!(e.failure() instanceof Failure.Refusal r)) {
                throw e;
            }
            refusal = Optional.of(new ImageFit.Gate(r.gate().flashGate() ? r.gate().word() : "flash", false, r.reason(),
                    r.override(), r.arguments()));
        }
        // an image-fit gate flash lets pass (an override given) is shown passed, the one it refused as refused
        String refused = refusal.map(ImageFit.Gate::name).orElse("");
        for (int i = 0; i < out.size(); i++) {
            ImageFit.Gate g = out.get(i);
            if (!g.passed() && !g.name().equals(refused) && refusal.isEmpty()) {
                out.set(i, new ImageFit.Gate(g.name(), true, g.message() + " (allowed by the options given)",
                        Optional.empty(), java.util.List.of()));
            }
        }
        if (refusal.isPresent() && out.stream().noneMatch(g -> g.name().equals(refused) && !g.passed())) {
            out.add(refusal.get());
        }
        if (refusal.isEmpty()) {
            out.add(new ImageFit.Gate("flash", true, "every gate flash applies passes (evaluated as flash "
                + Choice.DRY_RUN.mention() + ")"));
        }
        Optional<ImageFit.Gate> verdict = refusal;
        Decisions.GATE.log(System.Logger.Level.INFO, () -> "preflight of " + imageFile + ": " + verdict
                .map(g -> "flash would refuse at gate " + g.name()).orElse("flash would go ahead"));
        return out;
    }
}
