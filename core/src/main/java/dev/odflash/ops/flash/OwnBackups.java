package dev.odflash.ops.flash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.input.BoundedInput;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.BackupFiles;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupSidecar;
import dev.odflash.ops.BackupState;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The backups `restore` writes back (docs/architecture.md "Contracts", restore): a complete, full-coverage
 * backup of this unit, with a sidecar whose sha256 and size the file still has. "This unit": the same vendor
 * and product, and the same serial when the drive reports one (a backup of a drive without a serial
 * cannot be told from another unit's of its model; such drives hold no per-unit data odflash knows of, and
 * the flash pipeline keeps what a family's per-unit regions hold anyway). A sidecar without a coverage field
 * is full (it predates regions-only backups); a "regions" backup is never restored.
 */
public final class OwnBackups {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_SIDECAR = 64 * 1024;
    /** Above every flash odflash knows (the largest is 2 MiB). */
    private static final long MAX_IMAGE = 64L << 20;

    private OwnBackups() {
    }

    /** A backup this unit can be restored from. */
    public record Candidate(Path file, String sha256, String revision, String createdAt) {
    }

    /** The backup {@code restore} takes when none is named: the pending journal's, else this unit's newest. */
    public static Optional<Candidate> latest(BackupLibrary library, DriveInfo info, DriveKey key,
                                             Optional<Journal> pending) {
        if (pending.isPresent() && !pending.get().backupFile().isEmpty()) {
            try {
                return Optional.of(vouch(Path.of(pending.get().backupFile()), info, key));
            } catch (OdflashException | RuntimeException e) {
                // the journal's backup is gone or changed: the newest one of the library is still this unit's
            }
        }
        List<Candidate> found = new ArrayList<>();
        Path dir = library.driveDirectory(info.inquiry().vendor(), info.inquiry().product());
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.bin")) {
            for (Path p : ds) {
                try {
                    Candidate c = vouch(p, info, key);
                    if (structureValid(p)) {
                        found.add(c);
                    }
                } catch (OdflashException | RuntimeException e) {
                    // not one of this unit's complete backups: never restored unasked
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found.stream().max(Comparator.comparing(Candidate::createdAt).thenComparing(c -> c.file().toString()));
    }

    /**
     * A backup of a damaged drive (the one a restore takes first, of what it replaces) is complete but
     * fails its structure checks: it is never the one restored unasked.
     */
    private static boolean structureValid(Path file) {
        try {
            return dev.odflash.family.ImageIdentifier.identify(BoundedInput.read(file, MAX_IMAGE, "a backup")).flashable();
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code file} as one of this unit's complete full-coverage backups, or the refusal saying why not. */
    public static Candidate vouch(Path file, DriveInfo info, DriveKey key) throws OdflashException {
        return vouch(file, info, key, false);
    }

    /**
     * As {@link #vouch(Path, DriveInfo, DriveKey)}; {@code named}: the user named this file, so what a restore
     * replaced ({@link BackupState#PRE_RESTORE}, full and read twice, but vouched for by nobody) is accepted too.
     */
    public static Candidate vouch(Path file, DriveInfo info, DriveKey key, boolean named) throws OdflashException {
        Path sidecar = BackupSidecar.pathFor(file);
        if (!AtomicFiles.isPlainFile(file)) {
            throw refused(file, AtomicFiles.taken(file) ? "is not a regular file" : "does not exist");
        }
        BackupFiles.Recorded r;
        JsonNode s;
        try {
            r = BackupFiles.readSidecar(sidecar);
            s = JSON.readTree(BoundedInput.read(sidecar, MAX_SIDECAR, "a backup sidecar"));
        } catch (IOException e) { // InputFileException is one
            throw refused(file, "has no readable sidecar " + sidecar.getFileName() + " (" + e.getMessage()
                    + "): nothing says it is this unit's backup");
        }
        if (r.state() == BackupState.PRE_RESTORE && !named) {
            throw refused(file, "is what a restore replaced (state pre-restore): nothing vouches for it, so it is"
                    + " restored only when named");
        }
        if (r.state() != BackupState.COMPLETE && r.state() != BackupState.PRE_RESTORE) {
            throw refused(file, "is a dump of a half-written drive (state " + r.state().word() + "), never a backup");
        }
        String coverage = s.path("coverage").asText("full");
        if (!coverage.equals("full")) {
            throw refused(file, "covers only some regions of the flash (coverage " + coverage + "), not all of it");
        }
        JsonNode drive = s.path("drive");
        if (!norm(drive.path("vendor").asText("")).equals(norm(info.inquiry().vendor()))
                || !norm(drive.path("product").asText("")).equals(norm(info.inquiry().product()))) {
            throw refused(file, "is a backup of " + drive.path("vendor").asText("?") + " "
                    + drive.path("product").asText("?") + ", not of this model");
        }
        String serial = drive.path("serial").asText("");
        String driveSerial = key.basis().equals(DriveKey.SERIAL) ? key.value() : "";
        if (!serial.equals(driveSerial)) {
            throw refused(file, serial.isEmpty() ? "records no serial, and this drive reports " + driveSerial
                    : "is a backup of the unit with serial " + serial + (driveSerial.isEmpty()
                    ? ", and this drive reports none" : ", not of this one (" + driveSerial + ")"));
        }
        try {
            if (Files.size(file) != r.size() || !BackupFiles.sha256(file).filter(r.sha256()::equals).isPresent()) {
                throw refused(file, "no longer has the size and sha256 its sidecar records: a damaged backup");
            }
        } catch (IOException e) {
            throw refused(file, "cannot be read: " + e.getMessage());
        }
        return new Candidate(file, r.sha256(), r.revision(), r.createdAt());
    }

    private static OdflashException refused(Path file, String why) {
        return OdflashException.refused(Gate.BACKUP_FILE, file + " " + why + "; restore writes back only this unit's"
                + " own complete backup (use flash for any other image)");
    }

    private static String norm(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
