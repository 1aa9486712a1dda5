package dev.odflash.ops.flash;

import dev.odflash.bytes.Sha256;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.ImageLayout;
import dev.odflash.image.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.image.Sd616Layout;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupOperation;
import dev.odflash.ops.BackupSidecar;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.Mt19xxReader;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;
import dev.odflash.ops.ToolVersion;
import dev.odflash.ops.VerifiedRead;
import dev.odflash.protocol.download.BtcDownload;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.protocol.download.Mt19xxDownload;
import dev.odflash.protocol.download.TsstDownload;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * `flash` for download-style families (btc, tsst, mt19xx): the host validates the image strictly,
 * keeps the unit's own data, streams in the family's block sizes, waits for the drive, then verifies
 * by reading back where the family allows it (MT19xx READ BUFFER) and by identity otherwise.
 */
public final class DownloadFlashOperation {
    private final BackupLibrary library;
    private final Clock clock;
    private final DriveProbe reprobe;

    public DownloadFlashOperation(BackupLibrary library, Clock clock, DriveProbe reprobe) {
        this.library = library;
        this.clock = clock;
        this.reprobe = reprobe;
    }

    public DownloadResult run(Device device, DriveInfo info, byte[] file, Path imageFile, FlashOptions options,
                              Confirmation confirmation, Progress progress) throws OdflashException {
        String what = options.dryRun() ? "flash dry run" : "flash";
        Decisions.FLASH.log(Level.INFO, () -> what + " of " + imageFile + " (" + file.length + " bytes, sha256 "
                + Sha256.hex(file) + ") to " + device.spec() + " by download");
        try {
            DownloadResult r = gatedRun(device, info, file, imageFile, options, confirmation, progress);
            Decisions.FLASH.log(Level.INFO, () -> r.dryRun() ? what + ": every gate passed, nothing was sent"
                    : what + " verified by " + r.verification() + ": " + r.fromVersion() + " -> " + r.toVersion() + ", "
                    + r.streamedBytes() + " bytes streamed");
            return r;
        } catch (OdflashException e) {
            Decisions.failed(what, e);
            throw e;
        }
    }

    private DownloadResult gatedRun(Device device, DriveInfo info, byte[] file, Path imageFile, FlashOptions options,
                                    Confirmation confirmation, Progress progress) throws OdflashException {
        DriveModel model = info.model().orElseThrow();
        Decisions.passed("family", model.vendor() + " " + model.product() + ", " + model.family().word() + " (download)");
        ImageReport report = ImageIdentifier.identify(file);
        JournalStore journals = new JournalStore(library.journals());
        DriveKey driveKey = DriveKey.of(info, device);
        String key = driveKey.id();
        // the file as given, not the copy patched with this unit's data: running the same command again matches
        String fileSha = Sha256.hex(file);
        Optional<Journal> pending = JournalGate.check(journals, driveKey, fileSha, device.spec());
        boolean resuming = pending.isPresent();
        DownloadGates.fit(report, info, options, resuming);
        DownloadGates.medium(info);
        CommandRunner run = new CommandRunner(device.scsi());
        Duration start = device.clock().elapsed();
        byte[] image = file.clone();
        boolean perUnitKept = false;
        Optional<Path> backup = Optional.empty();
        String backupSha = "";
        Mt19xxDownload mt19xx = new Mt19xxDownload(run, options.mt19xxVariant());
        if (model.family() != DriveFamily.MT19XX && options.backupFile().isPresent()) {
            // a backup odflash cannot compare with the drive vouches for nothing: never accept it silently
            throw OdflashException.usage(Choice.OWN_BACKUP.mention() + ": the " + model.family().word()
                    + " family has no read path, so odflash cannot check that " + options.backupFile().get()
                    + " is what the drive holds; leave out " + Choice.OWN_BACKUP.mention() + " (and give "
                    + Choice.WITHOUT_BACKUP.mention() + " to flash without one)");
        }
        try {
            if (model.family() == DriveFamily.MT19XX) {
                perUnitKept = DownloadGates.keepPerUnitData(mt19xx, image);
                if (!options.dryRun()) {
                    Backup taken = mt19xxBackup(mt19xx, info, image.length, pending, options, progress);
                    backup = taken.file();
                    backupSha = taken.sha256();
                }
            } else if (!options.withoutBackup()) {
                throw OdflashException.refused(Gate.BACKUP, "the " + model.family().word() + " family has no read path,"
                        + " so odflash cannot take a backup first", Choice.WITHOUT_BACKUP);
            } else {
                Decisions.overridden("backup", "the " + model.family().word() + " family has no read path",
                        "flashing without a backup was asked for");
            }
        } catch (TransportException e) {
            throw OdflashException.device("the drive stopped answering before anything was sent: " + e.getMessage(), e,
                    "per-unit data");
        } catch (DownloadException e) {
            throw OdflashException.refused(Gate.PER_UNIT_DATA, e.getMessage());
        }
        String to = report.identity().map(i -> i.revision()).orElse("?");
        String from = resuming ? pending.get().fromVersion() : info.inquiry().revision();
        if (options.dryRun()) {
            return new DownloadResult(true, model.family().word(), from, to, streamFor(model, image).length, 0, false,
                    "none", perUnitKept, backup, Duration.ZERO);
        }
        if (!options.assumeYes() && !confirmation.confirm(String.format("%s %s %s: %s -> %s by %s download (%s)",
                info.inquiry().vendor(), info.inquiry().product(), info.spec(), from, to, model.family().word(),
                Sizes.of(image.length)))) {
            Decisions.FLASH.log(Level.INFO, "confirmation declined");
            throw OdflashException.refused(Gate.CONFIRMATION, "not confirmed: nothing was written", Choice.YES);
        }
        if (!resuming) {
            JournalGate.write(journals, new Journal(key, device.spec(), info.inquiry().vendor(), info.inquiry().product(),
                    model.layout().word(), fileSha, imageFile.toAbsolutePath().toString(), backupSha,
                    backup.map(p -> p.toAbsolutePath().toString()).orElse(""), from, to, 0, image.length,
                    clock.instant(), ToolVersion.get(), driveKey.basis(), driveKey.value(),
                    Journal.allBanks(image.length)), "nothing was sent");
        }
        try {
            byte[] stream = streamFor(model, image);
            boolean patched = perUnitKept;
            Decisions.FLASH.log(Level.INFO, () -> "plan: download of " + stream.length + " bytes as layout "
                    + model.layout().word() + (patched ? " (patched with this unit's config and calibration)" : ""));
            switch (model.layout()) {
                case BTC -> BtcDownload.download(run, stream, progress);
                case TSST_MT1339 -> TsstDownload.download(run, TsstDownload.MT1339, stream, progress);
                case SD616 -> TsstDownload.download(run, TsstDownload.SD616, stream, progress);
                case MT1939 -> TsstDownload.download(run, TsstDownload.MT1939, stream, progress);
                case MT1959 -> mt19xx.download(stream, progress);
                default -> throw new IllegalStateException("not a download layout: " + model.layout());
            }
            Decisions.FLASH.log(Level.INFO, "download sent; verifying");
            String how = verify(device, model, mt19xx, image, to, progress);
            JournalGate.remove(journals, key, "flashed and verified");
            return new DownloadResult(false, model.family().word(), from, to, stream.length, 0, true, how, perUnitKept,
                    backup, device.clock().elapsed().minus(start));
        } catch (TransportException e) {
            Decisions.FLASH.log(Level.WARNING, "the drive stopped answering during the download: " + e.getMessage());
            throw OdflashException.device("the drive stopped answering during the download (" + e.getMessage()
                    + "); run `odflash info` to see its state (a drive in boot mode reports revision BOOT) and run the"
                    + " same flash again to recover", e, "download");
        } catch (DownloadException e) {
            String reason = e.getMessage() + (e.beforeBurn()
                    ? "; the drive was not told to burn" : "; run the same flash again to recover");
            throw new OdflashException(e.beforeBurn() ? Failure.DeviceFailure.of(reason, e, "download")
                    : new Failure.Mismatch(reason), e);
        }
    }

    private static byte[] streamFor(DriveModel model, byte[] image) {
        return model.layout() == ImageLayout.SD616 ? Sd616Layout.rearrange(image) : image;
    }

    /**
     * Two agreeing READ BUFFER passes over the whole flash, then as chip style (safety rule 2): a fresh
     * flash publishes them as a complete backup, or checks them against the user's {@code --backup};
     * a resume keeps the journal's backup and files the half-written drive as evidence, labelled
     * interrupted, never as a backup.
     */
    private record Backup(Optional<Path> file, String sha256) {
    }

    private Backup mt19xxBackup(Mt19xxDownload mt19xx, DriveInfo info, int size, Optional<Journal> pending,
                                        FlashOptions options, Progress progress)
            throws TransportException, DownloadException, OdflashException {
        VerifiedRead read = Mt19xxReader.readTwice(mt19xx, size, progress);
        BackupOperation publish = new BackupOperation(library, clock);
        if (pending.isPresent()) {
            Journal j = pending.get();
            if (!read.sha256().equals(j.targetSha256()) && !read.sha256().equals(j.backupSha256())) {
                publish.publishToLibrary(info, read, BackupSidecar.INTERRUPTED);
            }
            return new Backup(j.backupFile().isEmpty() ? Optional.empty() : Optional.of(Path.of(j.backupFile())),
                    j.backupSha256());
        }
        if (options.backupFile().isPresent()) {
            return new Backup(options.backupFile(), FlashOperation.checkVouchedBackup(options.backupFile().get(), read));
        }
        return new Backup(Optional.of(publish.publishToLibrary(info, read, BackupSidecar.COMPLETE).file()), read.sha256());
    }

    /** Read-back where the family can read (MT19xx, except the first 64 KiB it ignores), identity otherwise. */
    private String verify(Device device, DriveModel model, Mt19xxDownload mt19xx, byte[] image, String to,
                          Progress progress) throws TransportException, DownloadException, OdflashException {
        if (model.family() == DriveFamily.MT19XX) {
            byte[] back = Mt19xxReader.readOnce(mt19xx, image.length, Progress.Phase.VERIFY, 1, progress);
            Comparison c = Comparison.of(java.util.Arrays.copyOfRange(back, 0x10000, back.length),
                    java.util.Arrays.copyOfRange(image, 0x10000, image.length));
            if (!c.identical()) {
                throw new OdflashException(c.mismatch("read-back after the burn differs from the image"
                        + " (offsets from 0x10000): " + c.summary() + "; run the same flash again"));
            }
            Decisions.FLASH.log(Level.INFO, "verify: read-back identical from 0x10000 (" + (image.length - 0x10000) + " bytes)");
            return "read-back";
        }
        DriveInfo after = reprobe.probe(device);
        if (after.bootMode()) {
            throw OdflashException.mismatch("the drive restarted in boot mode (revision BOOT): the new"
                    + " firmware did not start; run the same flash again to recover");
        }
        if (!after.inquiry().revision().strip().equals(to.strip())) {
            throw OdflashException.mismatch("the drive restarted reporting revision "
                    + after.inquiry().revision() + ", not the image's " + to);
        }
        Decisions.FLASH.log(Level.INFO, "verify: the drive restarted reporting the image's revision " + to);
        return "identity";
    }

    private static final class Sizes {
        static String of(long bytes) {
            return bytes >= 1 << 20 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
        }
    }
}
