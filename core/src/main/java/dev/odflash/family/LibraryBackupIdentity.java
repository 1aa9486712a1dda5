package dev.odflash.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.bytes.Sha256;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveTable;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.input.BoundedInput;
import dev.odflash.ops.BackupCoverage;
import dev.odflash.ops.BackupFiles;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupSidecar;
import dev.odflash.ops.BackupState;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The identity of a library backup flashed onto a clipped chip whose contents no longer say which drive they
 * belong to (issue 15 §1, a bricked chip): the drive the backup was taken from (its sidecar's vendor, product,
 * serial and firmware date, and when it was taken) must be the one the user confirms, since nothing on the chip
 * can vouch for it; then that drive's drive-table row gives the rules (boot region, per-unit data), as
 * {@code --model} would. "A library backup": a file in the data home's {@code backups/<vendor>_<product>/}
 * folder of the drive its sidecar names, state complete, full coverage, and exactly the size and sha256 the
 * sidecar records (of the bytes read for the flash), holding an image whose identity is that drive's.
 */
public record LibraryBackupIdentity(Path file, String key, String vendor, String product, String revision,
                                    Optional<String> serial, Optional<String> firmwareDate, String createdAt,
                                    String sha256, DriveModel row) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_SIDECAR = 64 * 1024;

    /**
     * The identity when {@code file} lies in the backup library; empty for any other file. A file in the library
     * that is no usable backup (damaged, interrupted, another drive's image) is refused.
     */
    public static Optional<LibraryBackupIdentity> of(BackupLibrary library, DriveTable drives, Path file, byte[] content)
            throws OdflashException {
        Path real;
        Path backups;
        try {
            real = file.toRealPath();
            if (!Files.isDirectory(library.backups())) {
                return Optional.empty();
            }
            backups = library.backups().toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (real.getParent() == null || !backups.equals(real.getParent().getParent())) {
            return Optional.empty();
        }
        Path sidecar = BackupSidecar.pathFor(real);
        BackupFiles.Recorded recorded;
        JsonNode drive;
        try {
            recorded = BackupFiles.readSidecar(sidecar);
            drive = JSON.readTree(BoundedInput.read(sidecar, MAX_SIDECAR, "a backup sidecar")).path("drive");
        } catch (IOException e) {
            throw refused(file, "has no readable sidecar (" + e.getMessage() + "): nothing says which drive it came from");
        }
        if (recorded.state() != BackupState.COMPLETE || recorded.coverage() != BackupCoverage.FULL) {
            throw refused(file, "is not a complete whole-flash backup (state " + recorded.state().word() + ", coverage "
                    + recorded.coverage().word() + ")");
        }
        String sha = Sha256.hex(content);
        if (recorded.size() != content.length || !recorded.sha256().equals(sha)) {
            throw refused(file, "does not have the size and sha256 its sidecar records: a damaged backup");
        }
        String vendor = drive.path("vendor").asText("").strip();
        String product = drive.path("product").asText("").strip();
        if (!real.getParent().equals(backups.resolve(library.driveDirectory(vendor, product).getFileName()))) {
            throw refused(file, "lies in another drive's folder than the " + vendor + " " + product + " its sidecar names");
        }
        ImageReport report = ImageIdentifier.identify(content);
        if (report.layout().isEmpty() || report.identity().isEmpty()
                || !norm(report.identity().get().vendor()).equals(norm(vendor))
                || !norm(report.identity().get().product()).equals(norm(product))) {
            throw refused(file, "does not hold a firmware image of the " + vendor + " " + product + " its sidecar names");
        }
        DriveModel row = drives.lookup(vendor, product).filter(m -> m.layout() == report.layout().get())
                .orElseThrow(() -> refused(file, "is a backup of " + vendor + " " + product + ", which no drive-table"
                        + " row of its layout names; name the rules with " + Choice.MODEL_NAMED.mention() + " NAME"));
        Optional<String> serial = text(drive, "serial");
        String key = real.getParent().getFileName() + serial.map(s -> ":" + s).orElse("");
        return Optional.of(new LibraryBackupIdentity(file, key, vendor, product, recorded.revision(), serial,
                // the drive's own firmware date when it reported one, else the date the image's identity carries
                text(drive, "firmwareDate").or(() -> Optional.of(report.identity().get().date().strip())
                        .filter(d -> !d.isEmpty())), recorded.createdAt(), sha, row));
    }

    /** The identity as the user is asked to confirm it, one line. */
    public String words() {
        return vendor + " " + product + " " + revision + serial.map(s -> ", serial " + s).orElse(", no serial recorded")
                + firmwareDate.map(d -> ", firmware date " + d).orElse("") + ", backed up " + createdAt
                + " (sha256 " + sha256.substring(0, 16) + "…); identity key " + key;
    }

    /** Whether {@code given} (the user's confirmation by name) is this identity's key, ignoring case. */
    public boolean confirmedBy(String given) {
        return given.strip().equalsIgnoreCase(key);
    }

    private static Optional<String> text(JsonNode drive, String field) {
        return Optional.of(drive.path(field).asText("").strip()).filter(s -> !s.isEmpty());
    }

    private static String norm(String s) {
        return s.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
    }

    private static OdflashException refused(Path file, String why) {
        return OdflashException.refused(Gate.BACKUP_FILE, file + " lies in the backup library but " + why
                + "; nothing was written");
    }
}
