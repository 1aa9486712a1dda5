package dev.odflash.ops;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Where odflash keeps its data: {@code $ODFLASH_HOME}, default {@code ~/.local/share/odflash}.
 * Backups go to {@code backups/<vendor>_<product>/<revision>-<UTC timestamp>.bin} with a
 * {@code .json} sidecar (docs/architecture.md "Contracts").
 */
public record BackupLibrary(Path home) {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The library of the environment's data home (the CLI resolves sudo runs through {@link DataHome}). */
    public static BackupLibrary fromEnvironment(Map<String, String> env) {
        return new BackupLibrary(DataHome.configured(env));
    }

    public Path backups() {
        return home.resolve("backups");
    }

    public Path journals() {
        return home.resolve("journals");
    }

    /** The flash history, one file per drive key (docs/architecture.md "Contracts"). */
    public Path history() {
        return home.resolve("history");
    }

    /** The status hash cache: sha256 of library images keyed by path, size and mtime. */
    public Path hashCache() {
        return home.resolve("cache").resolve("sha256.json");
    }

    /** The library folder of one drive model. */
    public Path driveDirectory(String vendor, String product) {
        return backups().resolve(safe(vendor) + "_" + safe(product));
    }

    /**
     * A library path no backup uses yet: two backups within the same second (a retry, a resume) get
     * "-2", "-3", ... rather than refusing the second; a name held by anything (a link included) is
     * taken, and publishing still never replaces a file.
     */
    public Path newBackupFile(String vendor, String product, String revision, Instant when) {
        Path dir = driveDirectory(vendor, product);
        String stem = safe(revision) + "-" + STAMP.format(when);
        Path candidate = dir.resolve(stem + ".bin");
        for (int n = 2; AtomicFiles.taken(candidate) || AtomicFiles.taken(BackupSidecar.pathFor(candidate)); n++) {
            candidate = dir.resolve(stem + "-" + n + ".bin");
        }
        return candidate;
    }

    /** Drive strings as file-name parts: letters, digits, '.', '-' kept; anything else becomes '-'. */
    static String safe(String text) {
        String s = text.strip().replaceAll("[^A-Za-z0-9.\\-]", "-");
        return s.isEmpty() ? "unknown" : s;
    }
}
