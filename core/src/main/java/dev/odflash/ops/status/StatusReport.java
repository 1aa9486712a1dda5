package dev.odflash.ops.status;

import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;

import java.util.List;
import java.util.Optional;

/**
 * The answer to "is my firmware intact?".
 *
 * @param matches    backups whose content the drive holds (complete ones only)
 * @param bootIntact empty when there is no reference image to compare the boot region with
 * @param wouldBoot  the image passes its structure checks and the boot region is intact
 * @param libraryIssues files in the library that are no backup status can vouch for (never matches)
 * @param sameModelJournals journals of this drive's model under another key: a pending flash that may be
 *                   this unit, which blocks every other image until it is adopted or discarded
 */
public record StatusReport(String sha256, String revisionInImage, List<LibraryEntry> matches,
                           Optional<String> matchesKnownImage, Optional<Journal> journal, List<BankState> banks,
                           Optional<Boolean> bootIntact, boolean structureValid, boolean wouldBoot,
                           List<LibraryIssue> libraryIssues, List<JournalStore.Entry> sameModelJournals,
                           dev.odflash.ops.flash.FlashHistoryStore.History history, Verdict verdict) {
    public StatusReport {
        sameModelJournals = List.copyOf(sameModelJournals);
        matches = List.copyOf(matches);
        banks = List.copyOf(banks);
        libraryIssues = List.copyOf(libraryIssues);
    }

    /**
     * Exit 0 only for a drive holding a known image (a backup, a named image, a verified flash of its
     * history) intact, with no pending journal, its own or its model's.
     */
    public boolean intact() {
        return verdict instanceof Verdict.Intact;
    }

    /** A pending flash left the drive partly written, or with nothing to compare: its structure says nothing. */
    public boolean mixed() {
        return verdict instanceof Verdict.Pending p && (p.holds() == Verdict.Holds.MIXED || p.holds() == Verdict.Holds.UNKNOWN);
    }
}
