package dev.odflash.ops.status;

import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;

import java.util.List;
import java.util.Optional;

/**
 * `status` on the identity basis (docs/architecture.md "Options and output"): for a drive with no read path, the version it reports
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
        PendingJournals journals = PendingJournals.of(library, info, device);
        boolean inHistory = !revision.isEmpty() && history.recorded(info, revision);
        return new IdentityStatus(revision, info.bootMode(), image, inHistory, journals.own(), journals.sameModel());
    }
}
