package dev.odflash.ops.status;

import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.DriveKey;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalGate;
import dev.odflash.ops.flash.JournalStore;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The journals `status` reports for a drive, found by the same rule `flash` applies (JournalGate): the
 * drive's own pending journal, and journals of the same model under another key, which may be this unit
 * on another path (docs/architecture.md, "Contracts": journals).
 */
record PendingJournals(Optional<Journal> own, List<JournalStore.Entry> sameModel) {
    static PendingJournals of(BackupLibrary library, DriveInfo info, Device device) throws OdflashException {
        return of(library, DriveKey.of(info, device));
    }

    static PendingJournals of(BackupLibrary library, DriveKey key) throws OdflashException {
        JournalStore journals = new JournalStore(library.journals());
        Optional<Journal> own;
        try {
            own = journals.pending(key.id());
        } catch (IOException | RuntimeException e) {
            throw OdflashException.usage("the journal for this drive is unreadable: " + e.getMessage());
        }
        return new PendingJournals(own, JournalGate.sameModelElsewhere(journals, key));
    }
}
