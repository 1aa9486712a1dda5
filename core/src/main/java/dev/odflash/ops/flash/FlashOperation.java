package dev.odflash.ops.flash;

import dev.odflash.drive.DriveModel;
import dev.odflash.bytes.Sha256;
import dev.odflash.family.Families;
import dev.odflash.family.Family;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.BackupFiles;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupOperation;
import dev.odflash.ops.BackupSidecar;
import dev.odflash.ops.BackupState;
import dev.odflash.ops.Cancellation;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.RegionsRead;
import dev.odflash.ops.ToolVersion;
import dev.odflash.ops.VerifiedRead;
import dev.odflash.protocol.Progress;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * `flash`, for every family, in one order (docs/architecture.md "Safety rules"): the family's gates,
 * the journal rule, the image gates, the medium, per-unit data, the plan, then a backup (or the
 * family's documented exception, {@link Choice#WITHOUT_BACKUP}), the confirmation, the journal, the
 * family's write ({@link FlashStrategy}), its verify, and only then the journal's removal. An
 * interrupted run leaves its journal; this drive's journal authorises its target again (a resume) or
 * its backup (a restore) and refuses any other image, whatever the family.
 */
public final class FlashOperation {
    private final BackupLibrary library;
    private final Clock clock;
    private final DriveProbe reprobe;

    /** @param reprobe identifies the drive again after a download (verification by identity) */
    public FlashOperation(BackupLibrary library, Clock clock, DriveProbe reprobe) {
        this.library = library;
        this.clock = clock;
        this.reprobe = reprobe;
    }

    public FlashResult run(Device device, DriveInfo info, byte[] file, Path imageFile, FlashOptions options,
                           Confirmation confirmation, Progress progress) throws OdflashException {
        String what = options.dryRun() ? "flash dry run" : "flash";
        Decisions.FLASH.log(Level.INFO, () -> what + " of " + imageFile + " (" + file.length + " bytes, sha256 "
                + Sha256.hex(file) + ") to " + device.spec());
        try {
            FlashResult r = gatedRun(device, info, file, imageFile, options, confirmation, progress);
            Decisions.FLASH.log(Level.INFO, () -> r.dryRun() ? what + ": every gate passed, nothing was written"
                    : what + " verified: " + r.fromVersion() + " -> " + r.toVersion() + " by "
                    + r.written().verification().word() + " in " + r.written().rounds() + " round(s), " + r.written().erases() + " erases, "
                    + r.written().programmedBytes() + " bytes programmed, " + r.written().streamedBytes() + " bytes streamed");
            return r;
        } catch (OdflashException e) {
            Decisions.failed(what, e);
            throw e;
        }
    }

    private FlashResult gatedRun(Device device, DriveInfo info, byte[] file, Path imageFile, FlashOptions options,
                                 Confirmation confirmation, Progress progress) throws OdflashException {
        Family family = Families.of(info).orElseThrow(() -> OdflashException.refused(Gate.FAMILY, ""
                + info.inquiry().vendor() + " " + info.inquiry().product() + " is not in the drive table;"
                + " odflash sends an unknown drive no vendor command"));
        Decisions.passed("family", info.model().map(DriveModel::displayName).orElse("no drive-table row") + ", "
                + family.word()
                + (family.chipStyle() ? "" : " (download)"));
        FlashStrategy strategy = family.flashStrategy(info, device, options, reprobe);
        ImageReport report = ImageIdentifier.identify(file);
        // the file as given, not a copy patched with this unit's data: running the same command again matches
        String fileSha = Sha256.hex(file);
        JournalStore journals = new JournalStore(library.journals());
        DriveKey driveKey = DriveKey.of(info, device);
        Optional<Journal> pending = JournalGate.check(journals, driveKey, fileSha, device.spec());
        boolean resuming = pending.isPresent();
        boolean ownBackup = options.restore() && restoreGate(info, driveKey, imageFile, fileSha);
        FlashGates.fit(info, report, strategy.flashSize(), options, resuming || ownBackup);
        if (device.programmer().isEmpty()) {
            FlashGates.medium(info);
        } else {
            Decisions.passed("medium", "a chip on a programmer: no tray"); // issue 15
        }
        Optional<FlashReader> reader = strategy.reader();
        backupGate(family, reader, options);
        if (!options.assumeYes() && !options.dryRun() && !confirmation.canAsk()) {
            // before any read (backup, per-unit data, plan): nobody can answer, so the run could only be declined
            throw OdflashException.refused(Gate.CONFIRMATION, "no terminal to confirm the flash on: nothing was read"
                    + " or written", Choice.YES);
        }

        Duration start = device.clock().elapsed();
        FlashStrategy.Prepared prepared = strategy.prepare(file);
        byte[] image = prepared.image();
        Optional<VerifiedRead> before = strategy.plansFromContent()
                ? Optional.of(reader.orElseThrow().read(progress)) : Optional.empty();
        Optional<byte[]> current = before.map(VerifiedRead::image);
        WritePlan plan = strategy.plan(current, image, options);
        String toVersion = report.identity().map(i -> i.revision()).orElse("?");
        String fromVersion = resuming ? pending.get().fromVersion() : info.inquiry().revision();
        if (options.dryRun()) {
            return new FlashResult(true, family.word(), fromVersion, toVersion, plan, Written.NOTHING,
                    prepared.perUnitDataKept(), resuming, Optional.empty(), before.map(VerifiedRead::sha256).orElse(""),
                    device.clock().elapsed().minus(start), Optional.empty());
        }

        Backup backup = backup(info, reader, before, pending, options, prepared, progress);
        if (!options.assumeYes() && !confirmation.confirm(new FlashSummary(info.inquiry().vendor(),
                info.inquiry().product(), info.spec(), family.word(), fromVersion, toVersion, resuming, plan))) {
            Decisions.FLASH.log(Level.INFO, "confirmation declined");
            throw OdflashException.refused(Gate.CONFIRMATION, "not confirmed: nothing was written", Choice.YES);
        }
        Cancellation cancellation = options.cancellation();
        try {
            // a stop asked for until here ends the run before anything is written (docs/architecture.md "Interruption")
            cancellation.enterWrite("writing the journal");
        } catch (Cancellation.Stopped e) {
            throw OdflashException.interrupted("stopped before the write: nothing was written to the drive", false);
        }
        try {
            if (!resuming) {
                List<Integer> banks = current.map(c -> Journal.changedBanks(c, image))
                        .orElseGet(() -> Journal.allBanks(image.length));
                JournalGate.write(journals, new Journal(driveKey.id(), device.spec(), info.inquiry().vendor(),
                        info.inquiry().product(), strategy.unit(), fileSha, imageFile.toAbsolutePath().toString(),
                        backup.restorable() ? backup.sha256() : "",
                        backup.file().filter(p -> backup.restorable()).map(p -> p.toAbsolutePath().toString()).orElse(""),
                        fromVersion,
                        toVersion, plan.eraseCount(), plan instanceof WritePlan.Chip ? plan.bytesToWrite() : image.length,
                        clock.instant(), ToolVersion.get(),
                        driveKey.basis(), driveKey.value(), banks, options.given()), "nothing was written to the drive");
            }
            Written done = strategy.write(plan, current, image, toVersion, options, progress);
            Optional<String> notRecorded = record(info, driveKey, new FlashRecord(fileSha, UnitContent.sha256(info, image),
                    toVersion, imageFile.toAbsolutePath().toString(), clock.instant(), done.verification() != Verification.NONE,
                    done.verification().word(), backup.file().map(p -> p.toAbsolutePath().toString()).orElse(""),
                    backup.sha256()));
            JournalGate.remove(journals, driveKey.id(), "the flash verified");
            return new FlashResult(false, family.word(), fromVersion, toVersion, plan, done, prepared.perUnitDataKept(),
                    resuming, backup.file(), backup.sha256(), device.clock().elapsed().minus(start), notRecorded);
        } finally {
            cancellation.leaveWrite();
        }
    }

    /**
     * The verified flash goes into the drive's history before its journal is removed (a crash between the
     * two leaves the journal, whose resume records it again). A history that cannot be written costs only
     * `status`'s recognition of this image, never the verified flash: said, not thrown.
     */
    private Optional<String> record(DriveInfo info, DriveKey key, FlashRecord entry) {
        FlashHistoryStore history = new FlashHistoryStore(library.home(), library.history());
        try {
            history.append(key, entry);
            Decisions.FLASH.log(Level.INFO, () -> "flash history: recorded " + entry.version() + " (sha256 "
                    + entry.sha256() + ") in " + history.fileFor(key.id()));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            Decisions.FLASH.log(Level.WARNING, "flash history not recorded: " + e.getMessage());
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** A restore: the image must be this unit's own complete backup (refused otherwise); then its version is allowed. */
    private boolean restoreGate(DriveInfo info, DriveKey key, Path imageFile, String fileSha) throws OdflashException {
        OwnBackups.Candidate own = OwnBackups.vouch(imageFile, info, key, true);
        if (!own.sha256().equals(fileSha)) {
            throw OdflashException.refused(Gate.BACKUP_FILE, imageFile + " changed while it was read; not restored");
        }
        Decisions.passed("restore", imageFile + " is this unit's own backup (" + own.revision() + ", taken "
                + own.createdAt() + "): its version is allowed");
        return true;
    }

    /**
     * Safety rule 2: a family that cannot read its flash is flashed without a backup only when asked by
     * name; a backup file odflash cannot compare with the drive vouches for nothing.
     */
    private static void backupGate(Family family, Optional<FlashReader> reader, FlashOptions options)
            throws OdflashException {
        if (reader.isPresent()) {
            return;
        }
        if (options.backupFile().isPresent()) {
            throw OdflashException.usage(Choice.OWN_BACKUP.mention() + ": the " + family.word()
                    + " family has no read path, so odflash cannot check that " + options.backupFile().get()
                    + " is what the drive holds; leave out " + Choice.OWN_BACKUP.mention() + " (and give "
                    + Choice.WITHOUT_BACKUP.mention() + " to flash without one)");
        }
        if (!options.withoutBackup()) {
            throw OdflashException.refused(Gate.BACKUP, "the " + family.word() + " family has no read path,"
                    + " so odflash cannot take a backup first", Choice.WITHOUT_BACKUP);
        }
        Decisions.overridden("backup", "the " + family.word() + " family has no read path",
                "flashing without a backup was asked for");
    }

    /** @param restorable a backup of the whole flash, which a journal may offer to restore (a regions-only one is not) */
    private record Backup(Optional<Path> file, String sha256, boolean restorable) {
        Backup(Optional<Path> file, String sha256) {
            this(file, sha256, true);
        }
    }

    /**
     * The backup this flash can be undone with: a resume keeps its journal's (the half-written drive is
     * filed as evidence, labelled interrupted, never as a backup); a user's backup must equal the drive;
     * otherwise the drive is read (or the read the plan started from is used) and published complete.
     */
    private Backup backup(DriveInfo info, Optional<FlashReader> reader, Optional<VerifiedRead> before,
                          Optional<Journal> pending, FlashOptions options, FlashStrategy.Prepared prepared,
                          Progress progress) throws OdflashException {
        if (reader.isEmpty()) {
            return pending.map(j -> journalBackup(j)).orElse(new Backup(Optional.empty(), ""));
        }
        if (info.deadDrive() && pending.isEmpty() && options.backupFile().isPresent()) {
            // safety rule 1: a drive that does not answer ATAPI is written only after a two-pass read in this run
            throw OdflashException.refused(Gate.BACKUP, "drive " + info.spec() + " does not answer ATAPI: it is"
                    + " written only after a two-pass vendor-mode backup taken in this run; leave out "
                    + Choice.OWN_BACKUP.mention() + " " + options.backupFile().get());
        }
        if (pending.isEmpty() && options.backupFile().isPresent()) {
            BackupFiles.checkVouched(options.backupFile().get()); // refused unread: a damaged or regions-only backup
        }
        BackupOperation publish = new BackupOperation(library, clock);
        VerifiedRead now;
        try {
            now = before.isPresent() ? before.get() : reader.get().read(progress);
        } catch (OdflashException e) {
            if (!FlashReader.wholeReadRefused(e) || (info.deadDrive() && pending.isEmpty())) {
                throw e;
            }
            if (pending.isPresent()) {
                RegionsBackup.allowResume(e, options);
                return journalBackup(pending.get()); // no dump of the half-written drive: it cannot be read whole
            }
            RegionsRead regions = RegionsBackup.read(reader.get(), e, options, prepared, progress);
            BackupOperation.Result r = publish.publishRegionsToLibrary(info, regions);
            return new Backup(Optional.of(r.file()), r.read().sha256(), false);
        }
        if (pending.isPresent()) {
            Journal j = pending.get();
            Decisions.FLASH.log(Level.INFO, () -> "backup: the journal's " + (j.backupFile().isEmpty() ? "(none)"
                    : j.backupFile()) + " (a resume takes no new backup)");
            if (!now.sha256().equals(j.targetSha256()) && !now.sha256().equals(j.backupSha256())) {
                publish.publishToLibrary(info, now, BackupSidecar.INTERRUPTED);
            }
            return journalBackup(j);
        }
        if (options.backupFile().isPresent()) {
            String sha = checkVouchedBackup(options.backupFile().get(), now);
            Decisions.passed("backup", options.backupFile().get() + " is what the drive holds (sha256 " + sha + ")");
            return new Backup(options.backupFile(), sha);
        }
        // a restore is usually run on a damaged drive: what it replaces is kept, but labelled as what it is
        BackupState state = options.restore() ? BackupState.PRE_RESTORE : BackupSidecar.COMPLETE;
        return new Backup(Optional.of(publish.publishToLibrary(info, now, state).file()), now.sha256());
    }

    private static Backup journalBackup(Journal j) {
        return new Backup(j.backupFile().isEmpty() ? Optional.empty() : Optional.of(Path.of(j.backupFile())),
                j.backupSha256());
    }

    static String checkVouchedBackup(Path file, VerifiedRead before) throws OdflashException {
        BackupFiles.checkVouched(file); // a sidecar without FILE, a damaged or disagreeing one: no backup
        try {
            // at most the flash's size: a larger file cannot equal the drive (and /dev/zero never ends)
            String sha = Sha256.hex(BoundedInput.read(file, before.size(), Choice.OWN_BACKUP.mention()));
            if (!sha.equals(before.sha256())) {
                throw OdflashException.refused(Gate.BACKUP, file + " (sha256 " + sha + ") is not what the drive"
                        + " holds now (" + before.sha256() + ")", Choice.OWN_BACKUP);
            }
            return sha;
        } catch (InputFileException e) {
            throw InputErrors.of(e);
        }
    }
}
