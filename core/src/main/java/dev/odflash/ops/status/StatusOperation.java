package dev.odflash.ops.status;

import dev.odflash.bytes.Sha256;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.FlashReadOperation;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;
import dev.odflash.ops.VerifiedRead;
import dev.odflash.image.ImageRegion;
import dev.odflash.ops.flash.Comparison;
import dev.odflash.ops.flash.DriveKey;
import dev.odflash.ops.flash.FlashHistoryStore;
import dev.odflash.ops.flash.FlashRecord;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.ops.flash.OwnBackups;
import dev.odflash.ops.flash.UnitContent;
import dev.odflash.transport.Device;

import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * `status`: what the drive holds against the backup library, known images and any pending journal;
 * bank by bank for a half-written drive; whether the boot region is intact and the drive would boot.
 */
public final class StatusOperation {
    static final int BANK = 0x10000;
    private final BackupLibrary library;

    public StatusOperation(BackupLibrary library) {
        this.library = library;
    }

    public StatusReport run(Device device, DriveInfo info, List<KnownImage> known, Progress progress)
            throws OdflashException {
        VerifiedRead read = FlashReadOperation.read(device, info, progress);
        byte[] now = read.image();
        BackupIndex.Scan libraryScan = BackupIndex.check(library);
        List<LibraryEntry> matches = libraryScan.backups().stream()
                .filter(e -> e.sha256().equals(read.sha256()) && e.state() == dev.odflash.ops.BackupState.COMPLETE).toList();
        Optional<String> knownMatch = known.stream().filter(k -> k.sha256().equals(read.sha256()))
                .map(KnownImage::name).findFirst();
        DriveKey key = DriveKey.of(info, device);
        PendingJournals journals = PendingJournals.of(library, key);
        Optional<Journal> journal = journals.own();
        List<JournalStore.Entry> modelJournals = journals.sameModel();
        FlashHistoryStore.History history = new FlashHistoryStore(library.home(), library.history()).read(key.id());
        List<ImageRegion> regions = UnitContent.regions(info, now.length);
        Optional<FlashRecord> flashed = history.holding(UnitContent.sha256(now, regions));
        ImageReport report = ImageIdentifier.identify(now);
        int boot = info.model().map(m -> m.bootRegion()).orElse(0);
        Optional<byte[]> old = journal.flatMap(j -> readMatching(j.backupFile(), j.backupSha256(), now.length));
        Optional<byte[]> target = journal.flatMap(j -> readMatching(j.targetFile(), j.targetSha256(), now.length));
        // the boot region is the same in every version, so any complete backup of this model can vouch for it
        Path modelDir = library.driveDirectory(info.inquiry().vendor(), info.inquiry().product());
        List<LibraryEntry> sameModel = libraryScan.backups().stream()
                .filter(e -> e.state() == dev.odflash.ops.BackupState.COMPLETE && e.file().getParent().equals(modelDir)).toList();
        Optional<byte[]> reference = old.or(() -> matches.isEmpty() ? Optional.empty()
                : readMatching(matches.getLast().file().toString(), matches.getLast().sha256(), now.length))
                .or(() -> sameModel.isEmpty() ? Optional.empty()
                : readMatching(sameModel.getLast().file().toString(), sameModel.getLast().sha256(), now.length));
        Optional<Boolean> bootIntact = boot == 0 ? Optional.empty()
                : reference.map(ref -> Arrays.equals(now, 0, boot, ref, 0, boot));
        List<BankState> banks = old.isPresent() && target.isPresent() ? banks(now, old.get(), target.get()) : List.of();
        boolean wouldBoot = report.flashable() && bootIntact.orElse(true);
        Verdicts.Facts facts = new Verdicts.Facts(read.sha256(), UnitContent.sha256(now, regions),
                target.map(t -> UnitContent.sha256(t, regions)), report, bootIntact, boot, journal, banks, modelJournals,
                flashed, knownMatch, matches);
        Verdict verdict = Verdicts.decide(facts, () -> nearest(now, regions, sameModel, known, history),
                () -> OwnBackups.latest(library, info, key, journal));
        return new StatusReport(read.sha256(), report.identity().map(i -> i.revision()).orElse(""), matches,
                knownMatch, journal, banks, bootIntact, report.flashable(), wouldBoot, libraryScan.issues(), modelJournals,
                history, verdict);
    }

    /** At most this many backups are compared byte by byte for the nearest image (the newest ones). */
    static final int NEAREST_BACKUPS = 32;

    /** The reference closest to the drive outside its unit regions: a backup of the model, a known image, a flashed file. */
    static Optional<NearestImage> nearest(byte[] now, List<ImageRegion> regions, List<LibraryEntry> sameModel,
                                          List<KnownImage> known, FlashHistoryStore.History history) {
        byte[] masked = masked(now, regions);
        List<NearestImage> found = new ArrayList<>();
        for (LibraryEntry e : sameModel.subList(Math.max(0, sameModel.size() - NEAREST_BACKUPS), sameModel.size())) {
            readMatching(e.file().toString(), e.sha256(), now.length).ifPresent(b -> found.add(new NearestImage("backup",
                    e.revision(), Optional.of(e.file()), Comparison.of(masked, masked(b, regions)))));
        }
        for (KnownImage k : known) {
            k.content().filter(b -> b.length == now.length).ifPresent(b -> found.add(new NearestImage("known image",
                    k.name(), Optional.empty(), Comparison.of(masked, masked(b, regions)))));
        }
        for (FlashRecord r : history.entries().reversed().stream().distinct().limit(NEAREST_BACKUPS).toList()) {
            readMatching(r.file(), r.sha256(), now.length).ifPresent(b -> found.add(new NearestImage("flashed image",
                    r.version(), Optional.of(Path.of(r.file())), Comparison.of(masked, masked(b, regions)))));
        }
        return found.stream().min(java.util.Comparator.comparingLong(n -> n.comparison().differingBytes()));
    }

    private static byte[] masked(byte[] b, List<ImageRegion> regions) {
        return UnitContent.masked(b, regions);
    }

    public static List<BankState> banks(byte[] now, byte[] old, byte[] target) {
        List<BankState> out = new ArrayList<>();
        for (int off = 0; off < now.length; off += BANK) {
            int end = Math.min(now.length, off + BANK);
            boolean isOld = Arrays.equals(now, off, end, old, off, end);
            boolean isNew = Arrays.equals(now, off, end, target, off, end);
            BankState.Match m = isOld && isNew ? BankState.Match.BOTH : isOld ? BankState.Match.OLD
                    : isNew ? BankState.Match.NEW : BankState.Match.NEITHER;
            out.add(new BankState(off / BANK, off, m));
        }
        return out;
    }

    /**
     * The file's bytes if it still exists, has the size and the hash recorded; empty otherwise. Read as
     * any input file (a regular file, at most the flash's size): a FIFO or device swapped in at a stored
     * path is refused, never read without end.
     */
    private static Optional<byte[]> readMatching(String file, String sha, long size) {
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] b = BoundedInput.read(Path.of(file), size, "a stored image");
            return b.length == size && Sha256.hex(b).equals(sha) ? Optional.of(b) : Optional.empty();
        } catch (InputFileException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
