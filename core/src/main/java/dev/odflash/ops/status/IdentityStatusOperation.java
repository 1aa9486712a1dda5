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
 * `status` on the identity basis (issue 10 §8): for a drive with no read path, the version it reports
 * against the known images' versions and the flash history; sends nothing beyond the probe.
 */
public final class IdentityStatusOperation {
    private final BackupLibrary library;
    private final FlashHistory history;

    public IdentityStatusOperation(BackupLibrary library, FlashHistory history) {
        this.library = library;
        this.history = history;
    }

    public IdentityStatus run(Device device, DriveInfo info, List<KnownImage> known) throws OdflashException {
        String revision = info.inquiry().revision().strip();
        Optional<String> image = known.stream().filter(k -> !k.version().isEmpty() && k.version().equals(revision))
                .map(KnownImage::name).findFirst();
        Optional<Journal> journal;
        JournalStore journals = new JournalStore(library.journals());
        DriveKey key = DriveKey.of(info, device);
        try {
            journal = journals.pending(key.id());
        } catch (IOException | RuntimeException e) {
            throw OdflashException.usage("the journal for this drive is unreadable: " + e.getMessage());
        }
        // the same scan `flash` refuses by: a journal of this model elsewhere may be this unit
        List<JournalStore.Entry> sameModel = JournalGate.sameModelElsewhere(journals, key);
        boolean inHistory = !revision.isEmpty() && history.recorded(info, revision);
        return new IdentityStatus(revision, info.bootMode(), image, inHistory, journal, sameModel);
    }
}
