package dev.odflash.ops.status;

import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.DriveKey;
import dev.odflash.ops.flash.FlashHistoryStore;
import dev.odflash.ops.flash.FlashRecord;
import dev.odflash.transport.Device;

import java.util.List;
import java.util.Optional;

/**
 * `status` on the identity basis (docs/architecture.md "Options and output"): for a drive with no read path, the version it reports
 * against the known images' versions and this drive's flash history; sends nothing beyond the probe.
 */
public final class IdentityStatusOperation {
    private final BackupLibrary library;

    public IdentityStatusOperation(BackupLibrary library) {
        this.library = library;
    }

    public IdentityStatus run(Device device, DriveInfo info, List<KnownImage> known) throws OdflashException {
        String revision = info.inquiry().revision().strip();
        Optional<String> image = known.stream().filter(k -> !k.version().isEmpty() && k.version().equals(revision))
                .map(KnownImage::name).findFirst();
        DriveKey key = DriveKey.of(info, device);
        PendingJournals journals = PendingJournals.of(library, key);
        FlashHistoryStore.History history = new FlashHistoryStore(library.home(), library.history()).read(key.id());
        Optional<FlashRecord> flashed = info.bootMode() ? Optional.empty() : history.ofVersion(revision);
        return new IdentityStatus(revision, info.bootMode(), image, flashed, history, journals.own(), journals.sameModel());
    }
}
