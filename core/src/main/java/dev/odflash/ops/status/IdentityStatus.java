package dev.odflash.ops.status;

import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;

import java.util.List;
import java.util.Optional;

/**
 * `status` of a drive odflash cannot read (no read path: BTC, TSST, an 8051-era drive without its
 * vendor mode): the answer rests on the identity the drive reports, not on its contents.
 *
 * @param revision     what the drive reports running (INQUIRY revision)
 * @param knownImage   the known image of that version, if there is one
 * @param flashed      the newest verified flash of that version to this drive its history records
 * @param history      this drive's flash history (its entries, or why none is trusted)
 * @param journal      an interrupted flash of this drive
 * @param sameModelJournals journals of this drive's model under another key (see {@link StatusReport})
 */
public record IdentityStatus(String revision, boolean bootMode, Optional<String> knownImage,
                             Optional<dev.odflash.ops.flash.FlashRecord> flashed,
                             dev.odflash.ops.flash.FlashHistoryStore.History history,
                             Optional<Journal> journal, List<JournalStore.Entry> sameModelJournals) {
    public IdentityStatus {
        sameModelJournals = List.copyOf(sameModelJournals);
    }

    /** Exit 0 only for a version odflash knows (known images or the flash history), no boot mode, nothing pending. */
    public boolean knownVersion() {
        return !bootMode && journal.isEmpty() && sameModelJournals.isEmpty() && (knownImage.isPresent() || flashed.isPresent());
    }

    public boolean inHistory() {
        return flashed.isPresent();
    }
}
