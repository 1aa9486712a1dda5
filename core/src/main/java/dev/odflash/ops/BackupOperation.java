package dev.odflash.ops;

import dev.odflash.protocol.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * `backup`: a verified read of the whole flash published with its sidecar, sidecar first and image
 * last, so the image's final link is the commit ({@link AtomicFiles#publishWithSidecar}). The output
 * is checked before any read (exists: refused; directory missing or unwritable: usage), so a long read
 * is never wasted. A sidecar left without its image by an earlier run is an unfinished publish: a
 * retry of {@code -o FILE} replaces it, a library backup first settles its directory
 * ({@link BackupFiles#settle}). An image without a sidecar is never replaced: {@code -o} onto it is refused.
 * A library backup whose content the drive's folder already holds adds a sighting to that entry instead
 * ({@link BackupSightings}); {@code -o FILE} is always a new file.
 */
public final class BackupOperation {
    private static final System.Logger LOG = System.getLogger("dev.odflash.backup");
    private final BackupLibrary library;
    private final Clock clock;

    public BackupOperation(BackupLibrary library, Clock clock) {
        this.library = library;
        this.clock = clock;
    }

    /**
     * @param settled unfinished publishes of earlier runs this run finished or removed
     * @param alreadyInLibrary the library held this content already: {@code file} is that entry, whose
     *                         sidecar now records this backup in its {@code seen} list ({@link BackupSightings})
     */
    public record Result(Path file, Path sidecar, VerifiedRead read, ObjectNode sidecarJson,
                         List<BackupFiles.Settled> settled, boolean alreadyInLibrary) {
    }

    public Result run(Device device, DriveInfo info, Optional<Path> output, Progress progress) throws OdflashException {
        return run(device, info, output, false, progress);
    }

    /**
     * @param regionsOnly when the drive refuses a whole-flash read, back up only the regions its family
     *                    names ({@link FlashReader#regionsOnly()}), recorded as {@code coverage: "regions"};
     *                    a drive that allows the whole read still gets a full backup
     */
    public Result run(Device device, DriveInfo info, Optional<Path> output, boolean regionsOnly, Progress progress)
            throws OdflashException {
        Instant now = clock.instant();
        List<BackupFiles.Settled> settled = output.isPresent() ? List.of() : settleLibrary(info);
        Path target = output.orElseGet(() -> library.newBackupFile(info.inquiry().vendor(),
                info.inquiry().product(), info.inquiry().revision(), now));
        Path sidecar = BackupSidecar.pathFor(target);
        checkTarget(target, sidecar);
        VerifiedRead read;
        try {
            read = FlashReadOperation.read(device, info, progress);
        } catch (OdflashException e) {
            Optional<FlashReader.RegionsReader> regions = FlashReadOperation.regionsReader(device, info);
            if (!regionsOnly || !FlashReader.wholeReadRefused(e) || regions.isEmpty()) {
                throw e;
            }
            LOG.log(Level.INFO, () -> "backup: the drive refuses a whole-flash read; reading its regions only");
            RegionsRead r = regions.get().read(progress);
            return publish(r.asRead(), BackupSidecar.ofRegions(info, r, BackupSidecar.COMPLETE, now), target,
                    BackupSidecar.COMPLETE, settled);
        }
        if (output.isEmpty()) {
            Optional<Result> known = alreadyInLibrary(info, read, BackupSidecar.COMPLETE, now, settled);
            if (known.isPresent()) {
                return known.get();
            }
        }
        return publish(read, BackupSidecar.of(info, read, BackupSidecar.COMPLETE, now), target, BackupSidecar.COMPLETE,
                settled);
    }

    /**
     * Publishes an image already read (two agreeing passes) into the library, labelled {@code state}:
     * {@code complete} for a backup, {@code interrupted} for a dump of a half-written drive, which is
     * never offered as a backup.
     */
    public Result publishToLibrary(DriveInfo info, VerifiedRead read, BackupState state) throws OdflashException {
        Instant now = clock.instant();
        return publishToLibrary(info, read, BackupSidecar.of(info, read, state, now), state, now);
    }

    /** Publishes a regions-only backup into the library ({@code coverage: "regions"}). */
    public Result publishRegionsToLibrary(DriveInfo info, RegionsRead read) throws OdflashException {
        Instant now = clock.instant();
        return publishToLibrary(info, read.asRead(), BackupSidecar.ofRegions(info, read, BackupSidecar.COMPLETE, now),
                BackupSidecar.COMPLETE, now);
    }

    private Result publishToLibrary(DriveInfo info, VerifiedRead read, ObjectNode json, BackupState state, Instant now)
            throws OdflashException {
        List<BackupFiles.Settled> settled = settleLibrary(info);
        Optional<Result> known = alreadyInLibrary(info, read, state, now, settled);
        if (known.isPresent()) {
            return known.get();
        }
        String revision = info.inquiry().revision() + (state == BackupState.COMPLETE ? "" : "-" + state.word());
        Path target = library.newBackupFile(info.inquiry().vendor(), info.inquiry().product(), revision, now);
        checkTarget(target, BackupSidecar.pathFor(target));
        return publish(read, json, target, state, settled);
    }

    /**
     * One entry per content and drive key: when the drive's folder holds a verified entry with this
     * content and state, this backup becomes a sighting in that entry's sidecar and nothing else is written.
     */
    private Optional<Result> alreadyInLibrary(DriveInfo info, VerifiedRead read, BackupState state, Instant now,
                                              List<BackupFiles.Settled> settled) throws OdflashException {
        Path dir = library.driveDirectory(info.inquiry().vendor(), info.inquiry().product());
        try {
            Optional<Path> same = BackupSightings.sameContent(dir, read.sha256(), read.size(), state);
            if (same.isEmpty()) {
                return Optional.empty();
            }
            Path image = same.get();
            ObjectNode json = BackupSightings.add(image, read.sha256(), read.size(), List.of(BackupSightings.of(info, now)));
            LOG.log(Level.INFO, () -> "backup: " + read.sha256() + " is already in the library as " + image
                    + "; its sidecar records this backup in its seen list");
            return Optional.of(new Result(image, BackupSidecar.pathFor(image), read, json, settled, true));
        } catch (IOException e) {
            throw new OdflashException(new Failure.UsageProblem("cannot update the backup library in " + dir + ": "
                    + e.getMessage()), e);
        }
    }

    /** Creates the drive's library directory (no link followed) and settles its unfinished publishes. */
    private List<BackupFiles.Settled> settleLibrary(DriveInfo info) throws OdflashException {
        Path dir = library.driveDirectory(info.inquiry().vendor(), info.inquiry().product());
        try {
            AtomicFiles.createDirectoriesBelow(library.home(), dir);
            return BackupFiles.settle(dir);
        } catch (IOException e) {
            throw OdflashException.usage("cannot use the backup directory " + dir + ": " + e.getMessage());
        }
    }

    private Result publish(VerifiedRead read, ObjectNode json, Path target, BackupState state,
                           List<BackupFiles.Settled> settled) throws OdflashException {
        Path sidecar = BackupSidecar.pathFor(target);
        LOG.log(Level.INFO, () -> "backup: publishing " + target + " with its sidecar (" + state.word() + ", " + read.size()
                + " bytes, sha256 " + read.sha256() + ")" + (settled.isEmpty() ? "" : "; settled " + settled));
        try {
            BackupFiles.removeUnfinished(target); // a retry replaces the sidecar of an unfinished publish
            AtomicFiles.publishWithSidecar(target, read.image(), sidecar, BackupSidecar.bytes(json));
            LOG.log(Level.INFO, () -> "backup published: " + target);
        } catch (FileAlreadyExistsException e) {
            LOG.log(Level.WARNING, "backup not published: " + e.getFile() + " appeared while reading");
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, "output file appeared while reading, not overwritten: " + e.getFile());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "backup not published: " + target + ": " + e.getMessage());
            throw new OdflashException(new Failure.UsageProblem("cannot write the backup to " + target + ": " + e.getMessage()), e);
        }
        return new Result(target, sidecar, read, json, settled, false);
    }

    private static void checkTarget(Path target, Path sidecar) throws OdflashException {
        if (AtomicFiles.taken(target)) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, target + " exists" + (AtomicFiles.taken(sidecar) ? ""
                    : " (with no sidecar, so it is no backup odflash vouches for)") + "; odflash never overwrites a file",
                    Choice.OTHER_OUTPUT);
        }
        if (AtomicFiles.taken(sidecar) && !BackupFiles.isUnfinished(target)) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, sidecar + " exists; odflash never overwrites a file",
                    Choice.OTHER_OUTPUT);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw OdflashException.usage("output directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw OdflashException.usage("output directory " + dir + " is not writable");
        }
    }
}
