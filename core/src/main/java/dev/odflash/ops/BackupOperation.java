package dev.odflash.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.transport.Device;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * `backup`: a verified read of the whole flash published atomically with its sidecar. The output is
 * checked before any read (exists: refused; directory unwritable: usage), so a long read is never
 * wasted, and the file appears only once complete: a backup is complete and checksummed, or absent.
 */
public final class BackupOperation {
    private final BackupLibrary library;
    private final Clock clock;

    public BackupOperation(BackupLibrary library, Clock clock) {
        this.library = library;
        this.clock = clock;
    }

    public record Result(Path file, Path sidecar, VerifiedRead read, ObjectNode sidecarJson) {
    }

    public Result run(Device device, DriveInfo info, Optional<Path> output, Progress progress) throws OdflashException {
        Instant now = clock.instant();
        Path target = output.orElseGet(() -> library.newBackupFile(info.inquiry().vendor(),
                info.inquiry().product(), info.inquiry().revision(), now));
        Path sidecar = BackupSidecar.pathFor(target);
        checkTarget(target, sidecar, output.isPresent());
        VerifiedRead read = FlashReadOperation.read(device, info, progress);
        return publish(info, read, target, BackupSidecar.COMPLETE, now);
    }

    /**
     * Publishes an image already read (two agreeing passes) into the library, labelled {@code state}:
     * {@code complete} for a backup, {@code interrupted} for a dump of a half-written drive, which is
     * never offered as a backup.
     */
    public Result publishToLibrary(DriveInfo info, VerifiedRead read, String state) throws OdflashException {
        Instant now = clock.instant();
        String revision = info.inquiry().revision() + (state.equals(BackupSidecar.COMPLETE) ? "" : "-" + state);
        Path target = library.newBackupFile(info.inquiry().vendor(), info.inquiry().product(), revision, now);
        checkTarget(target, BackupSidecar.pathFor(target), false);
        return publish(info, read, target, state, now);
    }

    private Result publish(DriveInfo info, VerifiedRead read, Path target, String state, Instant now)
            throws OdflashException {
        Path sidecar = BackupSidecar.pathFor(target);
        ObjectNode json = BackupSidecar.of(info, read, state, now);
        try {
            AtomicFiles.publish(target, read.image());
            AtomicFiles.publish(sidecar, BackupSidecar.bytes(json));
        } catch (FileAlreadyExistsException e) {
            throw OdflashException.refused("output file appeared while reading, not overwritten: " + e.getFile());
        } catch (IOException e) {
            throw new OdflashException(ExitCode.USAGE, "cannot write the backup to " + target + ": " + e.getMessage(), e);
        }
        return new Result(target, sidecar, read, json);
    }

    private static void checkTarget(Path target, Path sidecar, boolean userNamed) throws OdflashException {
        for (Path p : new Path[]{target, sidecar}) {
            if (Files.exists(p)) {
                throw OdflashException.refused(p + " exists; odflash never overwrites a file (choose another -o)");
            }
        }
        Path dir = target.toAbsolutePath().getParent();
        try {
            if (!userNamed) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw OdflashException.usage("cannot create the backup directory " + dir + ": " + e.getMessage());
        }
        if (!Files.isDirectory(dir)) {
            throw OdflashException.usage("output directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw OdflashException.usage("output directory " + dir + " is not writable");
        }
    }
}
