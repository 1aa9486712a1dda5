package dev.odflash.ops.status;

import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.BackupFiles;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupSidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The backups a library holds. "Matches backup X" compares contents, so it holds whichever unit X
 * came from (docs/architecture.md "Contracts"). Nothing is vouched for unchecked: every image is hashed
 * again (cached by size, mtime and inode) and must have the size and sha256 its sidecar records.
 * Whatever fails is an issue, reported and never a match: a sidecar without its image (an unfinished
 * publish), an image without a sidecar, a missing, short or changed image, a damaged sidecar.
 */
public final class BackupIndex {
    private BackupIndex() {
    }

    /** The checked backups and the files that are not backups. */
    public record Scan(List<LibraryEntry> backups, List<LibraryIssue> issues) {
        public Scan {
            backups = List.copyOf(backups);
            issues = List.copyOf(issues);
        }
    }

    public static List<LibraryEntry> scan(BackupLibrary library) {
        return check(library).backups();
    }

    /** Hashes one image: through the cache for `status`, afresh for `library verify`. */
    @FunctionalInterface
    interface Hasher {
        Optional<String> sha256(Path image) throws IOException;
    }

    public static Scan check(BackupLibrary library) {
        if (!Files.isDirectory(library.backups(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Scan(List.of(), List.of());
        }
        HashCache cache = HashCache.load(library.hashCache());
        Scan scan = check(library, cache::sha256);
        cache.save(library.home());
        return scan;
    }

    /** Like {@link #check}, but every image is read and hashed again now: no cached hash is trusted. */
    public static Scan checkAfresh(BackupLibrary library) {
        return check(library, BackupFiles::sha256);
    }

    private static Scan check(BackupLibrary library, Hasher hasher) {
        List<LibraryEntry> out = new ArrayList<>();
        List<LibraryIssue> issues = new ArrayList<>();
        Path root = library.backups();
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Scan(out, issues);
        }
        TreeSet<Path> images = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root, 2)) { // backups/<vendor>_<product>/<file>; links not followed
            files.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.endsWith(".bin")) {
                    images.add(p);
                } else if (n.endsWith(".bin.json")) {
                    images.add(p.resolveSibling(n.substring(0, n.length() - ".json".length())));
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            issues.add(new LibraryIssue(root, LibraryIssue.Problem.DAMAGED, "the library cannot be listed: " + e.getMessage()));
        }
        for (Path image : images) {
            switch (verdict(image, hasher)) {
                case LibraryEntry e -> out.add(e);
                case LibraryIssue i -> issues.add(i);
                default -> throw new IllegalStateException("a verdict is an entry or an issue");
            }
        }
        out.sort(Comparator.comparing(LibraryEntry::createdAt));
        return new Scan(out, issues);
    }

    /** A backup (a {@link LibraryEntry}) or why not (a {@link LibraryIssue}). */
    static Record verdict(Path image, HashCache cache) {
        return verdict(image, cache::sha256);
    }

    private static Record verdict(Path image, Hasher hasher) {
        Path sidecar = BackupSidecar.pathFor(image);
        boolean hasImage = AtomicFiles.taken(image);
        if (!AtomicFiles.taken(sidecar)) {
            return new LibraryIssue(image, LibraryIssue.Problem.NO_SIDECAR,
                    "an image without a sidecar: not trusted as a backup (left alone)");
        }
        BackupFiles.Recorded r;
        try {
            r = BackupFiles.readSidecar(sidecar);
        } catch (IOException e) {
            return new LibraryIssue(image, LibraryIssue.Problem.DAMAGED, "damaged sidecar " + sidecar.getFileName()
                    + ": " + e.getMessage());
        }
        if (!hasImage) {
            return new LibraryIssue(image, LibraryIssue.Problem.UNFINISHED_PUBLISH, "a sidecar without its image:"
                    + " an unfinished publish, not a backup (the next backup removes or finishes it)");
        }
        try {
            if (!AtomicFiles.isPlainFile(image)) {
                return new LibraryIssue(image, LibraryIssue.Problem.DAMAGED, "not a regular file");
            }
            long size = Files.size(image);
            if (size != r.size()) {
                return new LibraryIssue(image, LibraryIssue.Problem.DAMAGED, (size < r.size() ? "short: " : "size ")
                        + size + " bytes, its sidecar records " + r.size());
            }
            Optional<String> sha = hasher.sha256(image);
            if (sha.isEmpty() || !sha.get().equals(r.sha256())) {
                return new LibraryIssue(image, LibraryIssue.Problem.DAMAGED, "its contents no longer match the"
                        + " sha256 its sidecar records");
            }
        } catch (IOException e) {
            return new LibraryIssue(image, LibraryIssue.Problem.DAMAGED, "unreadable: " + e.getMessage());
        }
        return new LibraryEntry(image, r.sha256(), r.revision(), r.state(), r.createdAt());
    }
}
