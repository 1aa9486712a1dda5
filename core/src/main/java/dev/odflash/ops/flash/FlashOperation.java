package dev.odflash.ops.flash;

import dev.odflash.bytes.Sha256;
import dev.odflash.image.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.BackupFiles;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupOperation;
import dev.odflash.ops.BackupSidecar;
import dev.odflash.ops.DriveInfo;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Gate;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.FlashReadOperation;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;
import dev.odflash.ops.ToolVersion;
import dev.odflash.ops.VerifiedRead;
import dev.odflash.plan.FlashPlan;
import dev.odflash.plan.FlashPlanner;
import dev.odflash.transport.BusModel;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * `flash` for chip-style families: gates, a verified backup, a plan at the chip's physical minimum,
 * a journal, execution with read-back of every step, a whole-chip verify, and only then success.
 * An interrupted run leaves its journal; the same image again re-plans from what the chip holds and
 * finishes (a resume), and the journal's backup may be written back (a restore).
 */
public final class FlashOperation {
    /** Rounds of plan, write, read-back before giving up on a chip that does not take the image. */
    private static final int MAX_ROUNDS = 3;
    /** Whole-chip verify reads before a difference counts as real (a flaky read is re-read). */
    private static final int VERIFY_READS = 3;

    private final BackupLibrary library;
    private final Clock clock;

    public FlashOperation(BackupLibrary library, Clock clock) {
        this.library = library;
        this.clock = clock;
    }

    public FlashResult run(Device device, DriveInfo info, byte[] image, Path imageFile, FlashOptions options,
                           Confirmation confirmation, Progress progress) throws OdflashException {
        String what = options.dryRun() ? "flash dry run" : "flash";
        Decisions.FLASH.log(Level.INFO, () -> what + " of " + imageFile + " (" + image.length + " bytes, sha256 "
                + Sha256.hex(image) + ") to " + device.spec());
        try {
            FlashResult r = gatedRun(device, info, image, imageFile, options, confirmation, progress);
            Decisions.FLASH.log(Level.INFO, () -> r.dryRun() ? what + ": every gate passed, nothing was written"
                    : what + " verified: " + r.fromVersion() + " -> " + r.toVersion() + " in " + r.rounds() + " round(s), "
                    + r.erasedBlocks() + " erases, " + r.programmedBytes() + " bytes programmed, whole-chip verify identical");
            return r;
        } catch (OdflashException e) {
            Decisions.failed(what, e);
            throw e;
        }
    }

    private FlashResult gatedRun(Device device, DriveInfo info, byte[] image, Path imageFile, FlashOptions options,
                                 Confirmation confirmation, Progress progress) throws OdflashException {
        FlashGates.ChipTarget target = FlashGates.chipTarget(info, device);
        ImageReport report = ImageIdentifier.identify(image);
        String imageSha = Sha256.hex(image);
        JournalStore journals = new JournalStore(library.journals());
        DriveKey driveKey = DriveKey.of(info, device);
        String key = driveKey.id();
        Optional<Journal> pending = JournalGate.check(journals, driveKey, imageSha, device.spec());
        boolean resuming = pending.isPresent();
        FlashGates.fit(info, report, target.chip().size(), options, resuming);
        FlashGates.medium(info);

        Duration start = device.clock().elapsed();
        VerifiedRead before = FlashReadOperation.read(device, info, progress);
        byte[] current = before.image();
        FlashGates.bankLayout(current, image);
        String toVersion = report.identity().orElseThrow().revision();
        String fromVersion = resuming ? pending.get().fromVersion() : info.inquiry().revision();

        int boot = target.model().bootRegion();
        FlashPlanner planner = new FlashPlanner(target.chip(), BusModel.ATAPI_PIO4);
        if (!options.includeBoot() && boot > 0) {
            // rule 3: keep erases off the boot region whenever the chip's erasers allow it
            planner = planner.avoiding(0, boot);
        }
        FlashPlan plan = planner.plan(current, image);
        Decisions.FLASH.log(Level.INFO, () -> "plan" + describe(plan) + (options.includeBoot() || boot == 0 ? ""
                : String.format(" (erases kept off the boot region 0x0000-0x%04X where the erasers allow)", boot - 1)));
        FlashGates.boot(current, image, boot, plan.touches(0, boot), options);
        if (options.dryRun()) {
            return new FlashResult(true, plan, fromVersion, toVersion, 0, 0, 0, false, 0, resuming,
                    Optional.empty(), before.sha256(), device.clock().elapsed().minus(start));
        }

        Optional<Path> backupFile;
        String backupSha;
        if (resuming) {
            // a half-written drive is kept as evidence, labelled interrupted, never as a backup (rule 2)
            backupFile = Optional.of(Path.of(pending.get().backupFile()));
            backupSha = pending.get().backupSha256();
            Decisions.FLASH.log(Level.INFO, "backup: the journal's " + backupFile.get() + " (a resume takes no new backup)");
            if (!before.sha256().equals(imageSha) && !before.sha256().equals(backupSha)) {
                new BackupOperation(library, clock).publishToLibrary(info, before, BackupSidecar.INTERRUPTED);
            }
        } else if (options.backupFile().isPresent()) {
            backupFile = options.backupFile();
            backupSha = checkVouchedBackup(options.backupFile().get(), before);
            Decisions.passed("backup", options.backupFile().get() + " is what the drive holds (sha256 " + backupSha + ")");
        } else {
            BackupOperation.Result saved = new BackupOperation(library, clock)
                    .publishToLibrary(info, before, BackupSidecar.COMPLETE);
            backupFile = Optional.of(saved.file());
            backupSha = before.sha256();
        }

        if (!options.assumeYes() && !confirmation.confirm(summary(info, fromVersion, toVersion, plan, resuming))) {
            Decisions.FLASH.log(Level.INFO, "confirmation declined");
            throw OdflashException.refused(Gate.CONFIRMATION, "not confirmed: nothing was written", Choice.YES);
        }
        if (!resuming) {
            JournalGate.write(journals, new Journal(key, device.spec(), info.inquiry().vendor(), info.inquiry().product(),
                    target.chip().name(), imageSha, imageFile.toAbsolutePath().toString(), backupSha,
                    backupFile.map(p -> p.toAbsolutePath().toString()).orElse(""), fromVersion, toVersion,
                    plan.eraseCount(), plan.programBytes(), clock.instant(), ToolVersion.get(), driveKey.basis(),
                    driveKey.value(), Journal.changedBanks(current, image)), "nothing was written to the drive");
        }
        Execution done = execute(target, planner, plan, current, image, boot, options, progress);
        JournalGate.remove(journals, key, "the flash verified");
        return new FlashResult(false, plan, fromVersion, toVersion, done.erases, done.eraseBytes, done.programBytes,
                true, done.rounds, resuming, backupFile, backupSha, device.clock().elapsed().minus(start));
    }

    private record Execution(int erases, long eraseBytes, long programBytes, int rounds) {
    }

    private static Execution execute(FlashGates.ChipTarget target, FlashPlanner planner, FlashPlan first,
                                     byte[] current, byte[] image, int boot, FlashOptions options, Progress progress)
            throws OdflashException {
        FlashExecutor executor = new FlashExecutor(target.channel(), progress);
        byte[] chipNow = current.clone();
        int erases = 0;
        long eraseBytes = 0;
        long programBytes = 0;
        int round = 0;
        try {
            target.channel().enter();
            try {
                FlashPlan plan = first;
                while (true) {
                    round++;
                    erases += plan.eraseCount();
                    eraseBytes += plan.eraseBytes();
                    programBytes += plan.programBytes();
                    int mismatched = executor.execute(plan, chipNow, image, round);
                    int r = round;
                    FlashPlan executed = plan;
                    Decisions.FLASH.log(Level.INFO, () -> "round " + r + ": " + executed.steps().size() + " steps executed, "
                            + (mismatched == 0 ? "every step read back as the image" : mismatched + " did not read back as the image"));
                    if (mismatched == 0) {
                        break;
                    }
                    if (round == MAX_ROUNDS) {
                        Comparison left = Comparison.of(chipNow, image);
                        throw new OdflashException(left.mismatch("the chip does not take the image: after "
                                + round + " rounds " + left.summary()
                                + "; the journal is kept, the backup can restore the old image"));
                    }
                    plan = planner.plan(chipNow, image); // re-plan from what the chip really holds
                    FlashPlan again = plan;
                    Decisions.FLASH.log(Level.INFO, () -> "re-plan from what the chip holds (round " + (r + 1) + " of "
                            + MAX_ROUNDS + ")" + describe(again));
                    FlashGates.boot(chipNow, image, boot, plan.touches(0, boot), options);
                }
                verifyWholeChip(executor, image, progress);
            } finally {
                try {
                    target.channel().leave();
                } catch (TransportException ignored) {
                    // the write already failed or verified; leaving vendor mode resets the drive anyway
                }
            }
        } catch (TransportException e) {
            Decisions.FLASH.log(Level.WARNING, "round " + round + ": the drive stopped answering: " + e.getMessage());
            throw OdflashException.device("the drive stopped answering during the write (" + e.getMessage()
                    + "); the journal is kept: run the same command again to resume, `odflash status` shows what"
                    + " the drive holds", e, "write");
        } catch (FlashExecutor.ChipFailure e) {
            Decisions.FLASH.log(Level.WARNING, "round " + round + ": " + e.getMessage());
            throw OdflashException.device(e.getMessage() + "; the journal is kept: run the same command again"
                    + " to resume", e, "write");
        }
        return new Execution(erases, eraseBytes, programBytes, round);
    }

    /** Rule 5: success only after the whole chip reads back as the image (a flaky read is re-read). */
    private static void verifyWholeChip(FlashExecutor executor, byte[] image, Progress progress)
            throws TransportException, OdflashException {
        Comparison last = null;
        for (int attempt = 1; attempt <= VERIFY_READS; attempt++) {
            byte[] read = new byte[image.length];
            progress.bytes(Progress.Phase.VERIFY, attempt, 0, image.length);
            executor.readInto(0, image.length, read);
            progress.bytes(Progress.Phase.VERIFY, attempt, image.length, image.length);
            last = Comparison.of(read, image);
            if (last.identical()) {
                int n = attempt;
                Decisions.FLASH.log(Level.INFO, () -> "verify: whole chip (" + image.length + " bytes) read back"
                        + " identical to the image (read " + n + " of at most " + VERIFY_READS + ")");
                return;
            }
            Decisions.FLASH.log(Level.INFO, "verify read " + attempt + " of " + VERIFY_READS + " differs: "
                    + last.summary() + (attempt < VERIFY_READS ? "; reading again" : ""));
        }
        throw new OdflashException(last.mismatch("verify failed: " + last.summary()
                + "; the journal is kept, run the same command again or restore the backup"));
    }

    static String checkVouchedBackup(Path file, VerifiedRead before) throws OdflashException {
        BackupFiles.checkVouched(file); // a sidecar without FILE, a damaged or disagreeing one: no backup
        try {
            // at most the chip's size: a larger file cannot equal the drive (and /dev/zero never ends)
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

    /** The plan for the log: erases, bytes, steps, predicted time. */
    static String describe(FlashPlan plan) {
        return String.format(": %d steps, %d erases (%d bytes), %d bytes to program in %d calls, predicted %.2f s"
                        + " (lower bound %.2f s)%s", plan.steps().size(), plan.eraseCount(), plan.eraseBytes(),
                plan.programBytes(), plan.programCalls(), plan.predictedNanos() / 1e9, plan.lowerBoundNanos() / 1e9,
                plan.noop() ? "; the chip already holds the image" : "");
    }

    private static String summary(DriveInfo info, String from, String to, FlashPlan plan, boolean resuming) {
        return String.format("%s %s %s: %s -> %s%s%n  plan: %d erases, %d bytes to program, predicted %.2f s"
                        + " (lower bound %.2f s)", info.inquiry().vendor(), info.inquiry().product(), info.spec(),
                from, to, resuming ? " (resuming an interrupted flash)" : "", plan.eraseCount(), plan.programBytes(),
                plan.predictedNanos() / 1e9, plan.lowerBoundNanos() / 1e9);
    }
}
