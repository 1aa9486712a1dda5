package dev.odflash.ops.status;

import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.flash.FlashRecord;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.ops.flash.OwnBackups;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides `status`'s one verdict from what the drive holds (docs/architecture.md "Contracts", status
 * verdicts): this drive's pending flash first (what it holds against that flash's images), then a journal
 * of the model under another key, then a failing check, then what vouches for the contents.
 */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * @param contentSha256 the drive outside its unit regions; {@code targetContent} the pending flash's image so
     */
    record Facts(String sha256, String contentSha256, Optional<String> targetContent, ImageReport report,
                 Optional<Boolean> bootIntact, int bootRegion, Optional<Journal> journal, List<BankState> banks,
                 List<JournalStore.Entry> modelJournals, Optional<FlashRecord> flashed, Optional<String> known,
                 List<LibraryEntry> backups) {
    }

    static Verdict decide(Facts f, Supplier<Optional<NearestImage>> nearest,
                          Supplier<Optional<OwnBackups.Candidate>> restore) {
        if (f.journal().isPresent()) {
            return pending(f, f.journal().get(), restore);
        }
        Optional<Verdict.Basis> basis = basis(f);
        if (!f.modelJournals().isEmpty()) {
            return new Verdict.PendingElsewhere(f.modelJournals(), basis);
        }
        Optional<String> failing = failingCheck(f);
        if (failing.isPresent()) {
            return new Verdict.Damaged(failing.get(), basis, nearest.get(), restore.get());
        }
        if (basis.isPresent()) {
            return new Verdict.Intact(basis.get());
        }
        return new Verdict.Unknown(nearest.get(), restore.get());
    }

    /** The history first (it says when and from which file), then a named image, then a backup. */
    private static Optional<Verdict.Basis> basis(Facts f) {
        if (f.flashed().isPresent()) {
            return Optional.of(new Verdict.Flashed(f.flashed().get()));
        }
        if (f.known().isPresent()) {
            return Optional.of(new Verdict.Known(f.known().get()));
        }
        return f.backups().isEmpty() ? Optional.empty() : Optional.of(new Verdict.Backup(f.backups().getLast()));
    }

    private static Optional<String> failingCheck(Facts f) {
        ImageReport r = f.report();
        if (r.layout().isEmpty()) {
            return Optional.of("structure: no firmware layout odflash knows (" + r.failures().stream().findFirst()
                    .map(Verdicts::check).orElse("no layout recognised") + ")");
        }
        if (!r.flashable()) {
            return Optional.of("structure: " + check(r.failures().getFirst()));
        }
        if (f.bootIntact().equals(Optional.of(false))) {
            return Optional.of(String.format("boot region: 0x0000-0x%04X differs from this model's backup",
                    f.bootRegion() - 1));
        }
        return Optional.empty();
    }

    private static String check(ImageCheck c) {
        return c.name() + ": " + c.detail();
    }

    private static Verdict pending(Facts f, Journal j, Supplier<Optional<OwnBackups.Candidate>> restore) {
        List<Integer> neither = f.banks().stream().filter(b -> b.match() == BankState.Match.NEITHER)
                .map(BankState::bank).toList();
        List<Integer> fresh = f.banks().stream().filter(b -> b.match() == BankState.Match.NEW).map(BankState::bank)
                .toList();
        boolean anyOld = f.banks().stream().anyMatch(b -> b.match() == BankState.Match.OLD);
        Verdict.Holds holds;
        if (f.sha256().equals(j.backupSha256()) || (!f.banks().isEmpty() && neither.isEmpty() && fresh.isEmpty())) {
            holds = Verdict.Holds.OLD;
        } else if (f.sha256().equals(j.targetSha256()) || f.targetContent().equals(Optional.of(f.contentSha256()))
                || (!f.banks().isEmpty() && neither.isEmpty() && !anyOld)) {
            holds = Verdict.Holds.NEW;
        } else {
            holds = f.banks().isEmpty() ? Verdict.Holds.UNKNOWN : Verdict.Holds.MIXED;
        }
        return new Verdict.Pending(j, holds, neither, fresh, holds == Verdict.Holds.OLD ? Optional.empty() : restore.get());
    }
}
