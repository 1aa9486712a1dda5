package dev.odflash.ops.status;

import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupSightings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What `library list` and `library verify` report: each backup with its drive key (the folder
 * {@code <vendor>_<product>} under {@code backups}) and the later backups of the same content its
 * sidecar records, and the files that are not backups. Verify hashes every image again; list may use
 * the status hash cache.
 */
public record LibraryContents(List<Item> items, List<LibraryIssue> issues) {
    public LibraryContents {
        items = List.copyOf(items);
        issues = List.copyOf(issues);
    }

    public record Item(String driveKey, LibraryEntry entry, List<BackupSightings.Sighting> seen) {
        public Item {
            seen = List.copyOf(seen);
        }
    }

    /** The library's contents, only the drive key {@code driveKey}'s when one is given. */
    public static LibraryContents of(BackupLibrary library, Optional<String> driveKey, boolean afresh) {
        BackupIndex.Scan scan = afresh ? BackupIndex.checkAfresh(library) : BackupIndex.check(library);
        List<Item> items = scan.backups().stream()
                .map(e -> new Item(driveKeyOf(e.file()), e, BackupSightings.recorded(e.file())))
                .filter(i -> driveKey.map(i.driveKey()::equals).orElse(true))
                .toList();
        List<LibraryIssue> issues = scan.issues().stream()
                .filter(i -> driveKey.map(driveKeyOf(i.file())::equals).orElse(true))
                .toList();
        return new LibraryContents(items, issues);
    }

    /** The drive key of a library file: the name of its folder under {@code backups}. */
    static String driveKeyOf(Path file) {
        Path parent = file.getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }

    /** Whether any entry is damaged (a changed, short or missing image, a damaged sidecar). */
    public boolean damaged() {
        return issues.stream().anyMatch(i -> i.problem() == LibraryIssue.Problem.DAMAGED);
    }
}
