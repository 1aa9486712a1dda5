package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Failure;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.FlashOperation;
import dev.odflash.family.Mt19xxVariant;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashResult;
import dev.odflash.ops.flash.WritePlan;
import dev.odflash.plan.FlashPlan;
import dev.odflash.transport.Device;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.TransportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "flash", header = "Write a firmware image to a drive, with every safety gate, a backup and verify.", mixinStandardHelpOptions = true,
        description = {"Write a firmware image to a drive, safely. Chip-style drives (mtk8051): gates first (family,",
            "chip, size, structure, model, version, medium, boot region, bank layout), a verified backup in the same",
            "run, a plan at the chip's physical minimum, a journal, read-back of every block, a whole-chip verify;",
            "success only after verification; an interrupted flash resumes when the same command runs again.",
            "Structure is checked as strictly as the peers check a file to be flashed: 0x02 at every 64 KiB bank",
            "(0x80 is for extract candidates only); a rebanked LiteOn image only onto a drive whose own content is",
            "rebanked too, never a plain image onto a rebanked drive (bank layout gate); an MT1939 image with an",
            "emptied signature table (coastermelt's checksum.py --fix) is refused. Download-style drives (btc,",
            "tsst, mt19xx): strict image gates, per-unit data kept, the family's documented download, then",
            "read-back (mt19xx) or identity verification.",
            "Ctrl-C (SIGINT, SIGTERM) never cuts a write short: a chip-style write stops between two chip operations",
            "with its journal kept and prints the command that resumes it (exit 130); a download stops at once before",
            "its first data block (exit 130) and, once data is out, finishes its stream, burn wait and check first;",
            "a second Ctrl-C says what odflash waits for. Before the write (gates, backup, confirmation) it ends at once.",
            "On Linux a real drive is kept apart while it is flashed: a logind inhibitor (sleep, shutdown, idle), the USB",
            "bridge's runtime power kept on, media polling suspended, /dev/srN opened exclusively (a mounted disc is",
            "refused, exit 4); a step odflash lacks the privilege for is named and skipped. On battery below 30 %%: refused",
            "without --allow-battery."})
final class FlashCommand extends BaseCommand {
    @Mixin
    DeviceOptions device;

    @Parameters(index = "0", paramLabel = "FILE", description = "The firmware image (.bin or Intel-HEX .hex): at most the drive's flash (Intel-HEX 3"
            + " times that); a larger file is refused unread (exit 4).")
    Path file;

    @Option(names = "--dry-run", description = "Print the plan (erases, bytes, predicted time, lower bound) and write nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation (scripts). Without a terminal and without --yes, flash refuses before reading the drive;"
            + " a question unanswered for 10 minutes is a refusal (exit 4, nothing written).")
    boolean yes;

    @Option(names = "--allow-cross-flash", description = "Flash an image made for another model.")
    boolean allowCrossFlash;

    @Option(names = "--allow-reinstall", description = "Flash the version the drive already runs.")
    boolean allowReinstall;

    @Option(names = "--allow-older", description = "Flash an older version (downgrade), or one whose version cannot be ordered against the drive's.")
    boolean allowOlder;

    @Option(names = "--include-boot", description = "Allow erasing and programming the boot region (first 16 KiB on mtk8051).")
    boolean includeBoot;

    @Option(names = "--without-backup",
            description = "Flash a family that has no read path (btc, tsst) without a backup; recovery then depends on the drive's boot loader.")
    boolean withoutBackup;

    @Option(names = "--mt19xx-variant", paramLabel = "V", defaultValue = "redumper",
            description = "MT19xx download: redumper (default: mode 1, 16 KiB mode-6 chunks, no COMMIT, then TEST UNIT READY"
                    + " polling; redumper polls 15 x 1 s, odflash up to 45 s) or freemkv (the vendor flasher's 12-byte CDBs:"
                    + " PROBE, TEST UNIT READY, PREPARE, 128 chunks, COMMIT, TEST UNIT READY, REQUEST SENSE). Both keep the"
                    + " drive's own config (0x3000) and calibration (0x1F0000) on purpose; otherwise redumper's variant sends"
                    + " redumper's image (first 64 KiB 0xFF) and freemkv's the file verbatim.")
    String variant;

    @Option(names = "--backup", paramLabel = "FILE",
            description = "Use this existing backup instead of taking one; accepted only if it equals what the drive holds now"
                    + " (chip-style and mt19xx; btc and tsst cannot read their flash and refuse it, exit 2).")
    Path backup;

    @Option(names = "--regions-only",
            description = "MT19xx: if the drive refuses to have its whole flash read, take a regions-only backup (its config,"
                    + " identity page and calibration, each read twice) and flash on it; the flash keeps those regions and"
                    + " is verified by them and by the revision the drive restarts with. Such a backup is never offered"
                    + " for a restore; without this flag such a drive is refused (exit 4), nothing written.")
    boolean regionsOnly;

    @Option(names = "--allow-battery", description = "Flash although the machine runs on battery below 30 %%"
            + " (refused otherwise, exit 4, as fwupd does).")
    boolean allowBattery;

    @Option(names = "--allow-unprotect", description = "Chip-style: when the flash part's own write protection"
            + " (a serial part's block-protect bits, or a clipped chip's protection through libflashrom) locks a range"
            + " the plan writes, clear it first; without this flag such a flash is refused before the first erase (exit 4).")
    boolean allowUnprotect;

    @Option(names = "--confirm-identity", paramLabel = "KEY",
            description = "A flashrom: clip on a chip whose contents are unrecognisable (a bricked chip), flashing a backup"
                    + " from the backup library: confirms by name that the chip is the drive the backup came from (KEY is"
                    + " the identity key odflash shows: VENDOR_PRODUCT, with :SERIAL when one was recorded). Without a"
                    + " terminal or with --yes it is required; at a terminal the identity is asked for instead. A wrong KEY"
                    + " is refused (exit 4, nothing written).")
    String confirmIdentity;

    /** Test hook: a fake sysfs tree (proc/ and run/ beside it) for the host guard (docs/testing.md). */
    @Option(names = "--sysfs", hidden = true, paramLabel = "DIR")
    Path sysfs;

    FlashCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        FirmwareInput.precheck(file, ctx); // a bad FILE is said before the drive is touched
        FlashOptions options = new FlashOptions(allowCrossFlash, allowReinstall, allowOlder, includeBoot, yes, dryRun,
                Optional.ofNullable(backup), withoutBackup, parseVariant(), regionsOnly, false, ctx.interrupts().cancellation(),
                given(), allowUnprotect);
        try (Device d = ctx.openDevice(device.device); ExclusiveUse use = exclusive(d);
             HostGuard host = dryRun ? null : HostGuard.hold(ctx, d, allowBattery, sysfs)) {
            try {
                return flash(d, options);
            } catch (OdflashException e) {
                throw failed(ctx, d, e);
            }
        }
    }

    /**
     * A failed flash or restore as it is reported: an interrupt that kept its journal gets one line with
     * the command that resumes it (the same one, {@link SuggestedCommand#rerun}); on an emulated drive a
     * note says what reached its chip, so a failed run is as inspectable as a good one.
     */
    static OdflashException failed(AppContext ctx, Device d, OdflashException e) {
        if (e.failure() instanceof Failure.Interrupted i && i.journalKept()) {
            return new OdflashException(new Failure.Interrupted(i.reason() + "; the journal is kept, to resume"
                    + " run: " + SuggestedCommand.rerun().map(SuggestedCommand::toString).orElse("the same command"),
                    true), e);
        }
        EmulatorCounters.of(d).ifPresent(c -> ctx.output().note("emulated drive: " + c.path("writeCommands")
                + " write commands, " + c.path("erases") + " erases, " + c.path("programs") + " programs, "
                + c.path("violations") + " write-model violations"));
        return e;
    }

    /**
     * What this run was given that a resume needs again (its journal records it, docs/architecture.md
     * "Contracts"): the drive's chip, size and chip file, a download variant other than the default, and
     * the overrides (a resume passes the version gate by its journal, but the model, boot, backup and
     * battery gates ask again).
     */
    private java.util.List<dev.odflash.ops.Given> given() {
        java.util.List<dev.odflash.ops.Given> g = new java.util.ArrayList<>(device.given(ctx));
        if (!variant.equalsIgnoreCase("redumper")) {
            g.add(dev.odflash.ops.Given.of(dev.odflash.ops.Choice.MT19XX_VARIANT, variant));
        }
        flagIf(g, allowCrossFlash, dev.odflash.ops.Choice.ALLOW_CROSS_FLASH);
        flagIf(g, allowReinstall, dev.odflash.ops.Choice.ALLOW_REINSTALL);
        flagIf(g, allowOlder, dev.odflash.ops.Choice.ALLOW_OLDER);
        flagIf(g, includeBoot, dev.odflash.ops.Choice.INCLUDE_BOOT);
        flagIf(g, withoutBackup, dev.odflash.ops.Choice.WITHOUT_BACKUP);
        flagIf(g, regionsOnly, dev.odflash.ops.Choice.REGIONS_ONLY);
        flagIf(g, allowBattery, dev.odflash.ops.Choice.ALLOW_BATTERY);
        flagIf(g, allowUnprotect, dev.odflash.ops.Choice.ALLOW_UNPROTECT);
        if (confirmIdentity != null) {
            g.add(dev.odflash.ops.Given.of(dev.odflash.ops.Choice.IDENTITY_CONFIRMED, confirmIdentity));
        }
        return g;
    }

    static void flagIf(java.util.List<dev.odflash.ops.Given> g, boolean given, dev.odflash.ops.Choice c) {
        if (given) {
            g.add(dev.odflash.ops.Given.flag(c));
        }
    }

    private ExitCode flash(Device d, FlashOptions options) throws Exception {
        DriveInfo info = device.probe(ctx).probe(d);
        // read with the target's flash as the bound: a larger file is refused unread (issue 10 §5)
        byte[] image = FirmwareInput.loadFor(file, ImageFit.expectedSize(info), ctx).image();
        if (d.programmer().isPresent() && info.model().isEmpty() && device.model.name().isEmpty()) {
            // a clipped chip whose contents are unrecognisable: a library backup's drive gives the rules once confirmed
            Optional<dev.odflash.family.LibraryBackupIdentity> backupOf = dev.odflash.family.LibraryBackupIdentity.of(
                    ctx.library(), ctx.drives(), file, image);
            if (backupOf.isPresent()) {
                new BackupIdentityCheck(ctx.terminal(), ctx.output()).confirm(backupOf.get(), Optional.ofNullable(confirmIdentity),
                        yes, dryRun);
                info = dev.odflash.family.ExternalChips.probe(d, ctx.chips(), ctx.drives(), Optional.ofNullable(device.chip),
                        backupOf.get());
            }
        }
        info.warnings().forEach(ctx.output()::warn);
        FlashResult r = new FlashOperation(ctx.library(), ctx.clock(), device.probe(ctx))
                .run(d, info, image, file, options, new TerminalConfirmation(ctx.terminal()), ctx.progress());
        if (ctx.interrupts().cancellation().requested()) {
            ctx.output().warn("the interrupt came after the write's last safe point; odflash finished the write"
                    + " first: it is complete and verified");
        }
        report(ctx, r, d);
        return ExitCode.OK;
    }

    /** The result of a flash or restore; a flash the history could not record is said (status will not know it). */
    static void report(AppContext ctx, FlashResult r, Device d) {
        r.historyNotRecorded().ifPresent(why -> ctx.output().warn("the flash verified, but it could not be recorded in"
                + " the flash history (" + why + "): `status` will not recognise this image"));
        if (!(r.plan() instanceof WritePlan.Chip)) {
            ctx.output().result(DownloadReport.json(r, d), DownloadReport.text(r, d));
            return;
        }
        ctx.output().result(json(r, d), text(r, d));
    }

    /** No other odflash may touch the drive while it is flashed (a second one is refused, exit 4). */
    static ExclusiveUse exclusive(Device d) throws OdflashException {
        try {
            return d.acquireExclusive();
        } catch (TransportException e) {
            throw OdflashException.device(e.getMessage(), e, "lock"); // OutcomeText: BUSY is exit 4
        }
    }

    private Mt19xxVariant parseVariant() throws OdflashException {
        return switch (variant.toLowerCase(java.util.Locale.ROOT)) {
            case "redumper" -> Mt19xxVariant.REDUMPER;
            case "freemkv" -> Mt19xxVariant.FREEMKV;
            default -> throw OdflashException.usage("--mt19xx-variant " + variant + ": use redumper or freemkv");
        };
    }

    static ObjectNode planJson(FlashPlan plan) {
        return Output.object().put("erases", plan.eraseCount()).put("eraseBytes", plan.eraseBytes())
                .put("programBytes", plan.programBytes()).put("programCalls", plan.programCalls())
                .put("predictedSeconds", plan.predictedNanos() / 1e9).put("lowerBoundSeconds", plan.lowerBoundNanos() / 1e9)
                .put("noop", plan.noop());
    }

    private static ObjectNode json(FlashResult r, Device d) {
        ObjectNode o = Output.object();
        o.put("dryRun", r.dryRun());
        o.put("fromVersion", r.fromVersion());
        o.put("toVersion", r.toVersion());
        o.set("plan", planJson(chipPlan(r)));
        o.put("erasedBlocks", r.written().erases());
        o.put("eraseBytes", r.written().eraseBytes());
        o.put("programmedBytes", r.written().programmedBytes());
        o.put("verified", r.verified());
        o.put("rounds", r.written().rounds());
        o.put("resumed", r.resumed());
        o.put("backupFile", r.backupFile().map(Path::toString).orElse(null));
        o.put("backupSha256", r.backupSha256());
        if (d.clock().simulated()) {
            o.put("simulatedSeconds", r.deviceTime().toNanos() / 1e9);
        } else {
            o.put("wallSeconds", r.deviceTime().toNanos() / 1e9); // as backup reports it (a clip: issue 15)
        }
        EmulatorCounters.of(d).ifPresent(c -> o.set("emulator", c));
        return o;
    }

    private static FlashPlan chipPlan(FlashResult r) {
        return ((WritePlan.Chip) r.plan()).plan();
    }

    private static String text(FlashResult r, Device d) {
        FlashPlan p = chipPlan(r);
        String plan = String.format("  plan:   %d erases (%s), %s to program in %d calls%n"
                        + "  time:   predicted %.3f s for erase and program, lower bound %.3f s%n",
                p.eraseCount(), Sizes.human(p.eraseBytes()), Sizes.human(p.programBytes()), p.programCalls(),
                p.predictedNanos() / 1e9, p.lowerBoundNanos() / 1e9);
        if (r.dryRun()) {
            return String.format("Dry run: %s -> %s%s%n%s  Nothing was written.%n", visible(r.fromVersion()),
                    visible(r.toVersion()),
                    p.noop() ? " (the drive already holds this image: nothing to do)" : "", plan);
        }
        return String.format("Flashed and verified: %s -> %s%s%n%s  done:   %d erases, %s programmed, %d round%s,"
                        + " %s%s%n  backup: %s%n  Power-cycle or reset the drive to run the new firmware.%n",
                visible(r.fromVersion()), visible(r.toVersion()), r.resumed() ? " (resumed an interrupted flash)" : "", plan,
                r.written().erases(), Sizes.human(r.written().programmedBytes()), r.written().rounds(),
                r.written().rounds() == 1 ? "" : "s",
                Sizes.seconds(r.deviceTime()), d.clock().simulated() ? " simulated device time" : "",
                visible(r.backupFile().map(Path::toString).orElse("-")));
    }
}
