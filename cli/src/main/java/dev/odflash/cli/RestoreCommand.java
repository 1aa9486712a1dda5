package dev.odflash.cli;

import dev.odflash.family.Mt19xxVariant;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Gate;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.DriveKey;
import dev.odflash.ops.flash.FlashOperation;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashResult;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.ops.flash.OwnBackups;
import dev.odflash.transport.Device;
import dev.odflash.transport.ExclusiveUse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

@Command(name = "restore", header = "Write this unit's own backup back to the drive, through every gate of flash.",
        mixinStandardHelpOptions = true,
        description = {"Write this unit's own backup back: without BACKUP the backup of a pending (interrupted) flash,",
            "else the newest complete full-coverage backup of this unit in the library (the same vendor and product,",
            "and the same serial when the drive reports one). A backup whose sidecar is missing or damaged, that no",
            "longer has its recorded size and sha256, that is a dump of a half-written drive (state interrupted), that",
            "covers only some regions (coverage \"regions\"; a sidecar without coverage is full) or that is another",
            "unit's is refused (exit 4). Being the drive's own backup satisfies the version gate (a restore is",
            "usually a downgrade); everything else is `flash`: the same pipeline, gates, the host guard (battery gate:",
            "--allow-battery), a dump of what the drive holds now, the confirmation, the journal and the verify. That",
            "dump is kept labelled pre-restore (nothing vouches for a drive one restores): never a known image, never",
            "restored unless named. A family with no read path (btc, tsst) has no backups and refuses (exit 4)."})
final class RestoreCommand extends BaseCommand {
    @Mixin
    DeviceOptions device;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP",
            description = "The backup to write back (default: the pending flash's backup, else this unit's newest).")
    Path backup;

    @Option(names = "--dry-run", description = "Print the plan and write nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation (scripts). Without a terminal and without --yes, restore refuses.")
    boolean yes;

    @Option(names = "--include-boot", description = "Allow erasing and programming the boot region (first 16 KiB on mtk8051).")
    boolean includeBoot;

    // issue 15 (external programmers); issue 14 adds the same flag for SPI block-protect bits
    @Option(names = "--allow-unprotect", description = "Clear the chip's write protection where the write needs it"
            + " (a chip on an external programmer); without it such a write is refused.")
    boolean allowUnprotect;

    @Option(names = "--mt19xx-variant", paramLabel = "V", defaultValue = "redumper",
            description = "MT19xx download: redumper (default) or freemkv, as for flash.")
    String variant;

    @Option(names = "--allow-battery", description = "Restore although the machine runs on battery below 30 %%"
            + " (refused otherwise, exit 4, as for flash).")
    boolean allowBattery;

    /** Test hook: a fake sysfs tree (proc/ and run/ beside it) for the host guard (docs/testing.md). */
    @Option(names = "--sysfs", hidden = true, paramLabel = "DIR")
    Path sysfs;

    RestoreCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        if (backup != null) {
            FirmwareInput.precheck(backup, ctx); // a bad BACKUP is said before the drive is touched
        }
        FlashOptions options = new FlashOptions(false, false, false, includeBoot, yes, dryRun, Optional.empty(), false,
                parseVariant(), false, true, ctx.interrupts().cancellation(), given(),
                allowUnprotect);
        try (Device d = ctx.openDevice(device.device); ExclusiveUse use = FlashCommand.exclusive(d);
             HostGuard host = dryRun ? null : HostGuard.hold(ctx, d, allowBattery, sysfs)) {
            try {
                return restore(d, options);
            } catch (OdflashException e) {
                throw FlashCommand.failed(ctx, d, e);
            }
        }
    }

    /** What this run was given that a resume of it needs again (its journal records them). */
    private java.util.List<dev.odflash.ops.Given> given() {
        java.util.List<dev.odflash.ops.Given> g = new java.util.ArrayList<>(device.given(ctx));
        if (!variant.equalsIgnoreCase("redumper")) {
            g.add(dev.odflash.ops.Given.of(dev.odflash.ops.Choice.MT19XX_VARIANT, variant));
        }
        FlashCommand.flagIf(g, includeBoot, dev.odflash.ops.Choice.INCLUDE_BOOT);
        FlashCommand.flagIf(g, allowBattery, dev.odflash.ops.Choice.ALLOW_BATTERY);
        return g;
    }

    private ExitCode restore(Device d, FlashOptions options) throws Exception {
        DriveInfo info = device.probe(ctx).probe(d);
        info.warnings().forEach(ctx.output()::warn);
        if (!Capabilities.readable(info, d)) {
            throw OdflashException.refused(Gate.READ_PATH, "odflash cannot read this drive's flash ("
                    + Capabilities.backupUnavailableReason(info, d) + "), so it has no backup of it to restore;"
                    + " flash a known image instead");
        }
        Path file = backup != null ? backup : latest(info, d);
        ctx.output().note("restoring " + file);
        byte[] image = FirmwareInput.loadFor(file, ImageFit.expectedSize(info), ctx).image();
        FlashResult r = new FlashOperation(ctx.library(), ctx.clock(), device.probe(ctx))
                .run(d, info, image, file, options, new TerminalConfirmation(ctx.terminal()), ctx.progress());
        FlashCommand.report(ctx, r, d);
        return ExitCode.OK;
    }

    private Path latest(DriveInfo info, Device d) throws OdflashException {
        DriveKey key = DriveKey.of(info, d);
        Optional<dev.odflash.ops.flash.Journal> pending;
        try {
            pending = new JournalStore(ctx.library().journals()).pending(key.id());
        } catch (IOException | RuntimeException e) {
            pending = Optional.empty(); // the flash pipeline's journal gate says what is wrong with it
        }
        return OwnBackups.latest(ctx.library(), info, key, pending).map(OwnBackups.Candidate::file)
                .orElseThrow(() -> OdflashException.refused(Gate.BACKUP_FILE, "the library holds no complete backup of"
                        + " this unit (" + key.describe() + ") to restore; name one, or flash a known image"));
    }

    private Mt19xxVariant parseVariant() throws OdflashException {
        return switch (variant.toLowerCase(java.util.Locale.ROOT)) {
            case "redumper" -> Mt19xxVariant.REDUMPER;
            case "freemkv" -> Mt19xxVariant.FREEMKV;
            default -> throw OdflashException.usage("--mt19xx-variant " + variant + ": use redumper or freemkv");
        };
    }
}
