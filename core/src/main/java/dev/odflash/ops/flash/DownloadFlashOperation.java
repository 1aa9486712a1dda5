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
        DriveModel model = info.model().orElseThrow();
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
        Mt19xxDownload mt19xx = new Mt19xxDownload(run, options.mt19xxVariant());
        try {
            if (model.family() == DriveFamily.MT19XX) {
                perUnitKept = DownloadGates.keepPerUnitData(mt19xx, image);
                if (!options.dryRun()) {
                    backup = Optional.of(mt19xxBackup(mt19xx, info, image.length, progress));
                }
            } else if (!options.withoutBackup()) {
                throw OdflashException.refused(Gate.BACKUP, "the " + model.family().word() + " family has no read path,"
                        + " so odflash cannot take a backup first", Choice.WITHOUT_BACKUP);
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
            throw OdflashException.refused(Gate.CONFIRMATION, "not confirmed: nothing was written", Choice.YES);
        }
        if (!resuming) {
            JournalGate.write(journals, new Journal(key, device.spec(), info.inquiry().vendor(), info.inquiry().product(),
                    model.layout().word(), fileSha, imageFile.toAbsolutePath().toString(), "",
                    backup.map(p -> p.toAbsolutePath().toString()).orElse(""), from, to, 0, image.length,
                    clock.instant(), ToolVersion.get(), driveKey.basis(), driveKey.value(),
                    Journal.allBanks(image.length)), "nothing was sent");
        }
        try {
            byte[] stream = streamFor(model, image);
            switch (model.layout()) {
                case BTC -> BtcDownload.download(run, stream, progress);
                case TSST_MT1339 -> TsstDownload.download(run, TsstDownload.MT1339, stream, progress);
                case SD616 -> TsstDownload.download(run, TsstDownload.SD616, stream, progress);
                case MT1939 -> TsstDownload.download(run, TsstDownload.MT1939, stream, progress);
                case MT1959 -> mt19xx.download(stream, progress);
                default -> throw new IllegalStateException("not a download layout: " + model.layout());
            }
            String how = verify(device, model, mt19xx, image, to, progress);
            JournalGate.remove(journals, key, "flashed and verified");
            return new DownloadResult(false, model.family().word(), from, to, stream.length, 0, true, how, perUnitKept,
                    backup, device.clock().elapsed().minus(start));
        } catch (TransportException e) {
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

    /** Two agreeing READ BUFFER passes over the whole flash, published like any backup. */
    private Path mt19xxBackup(Mt19xxDownload mt19xx, DriveInfo info, int size, Progress progress)
            throws TransportException, DownloadException, OdflashException {
        VerifiedRead read = Mt19xxReader.readTwice(mt19xx, size, progress);
        return new BackupOperation(library, clock).publishToLibrary(info, read, BackupSidecar.COMPLETE).file();
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
        return "identity";
    }

    private static final class Sizes {
        static String of(long bytes) {
            return bytes >= 1 << 20 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
        }
    }
}
