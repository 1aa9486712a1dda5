package dev.odflash.ops.status;

import dev.odflash.bytes.Hex;
import dev.odflash.bytes.Sha256;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.BackupSidecar;
import dev.odflash.ops.BackupSightings;
import dev.odflash.ops.BackupState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `library prune`: removes duplicates (a second entry of the same content, state and drive key, from
 * before the library kept one entry each; its sightings are merged into the kept entry's sidecar first)
 * and interrupted dumps. Only entries that verify now are candidates (a damaged entry is reported by
 * `library verify`, never removed); the oldest entry of a content is kept, so the only complete backup
 * of a drive key is never removed. Removal goes through the drive folder's descriptor, opened without
 * following a link, and each file is checked again just before it is unlinked: a link is never followed,
 * and a file that changed since the plan is left alone.
 */
public final class LibraryPrune {
    private LibraryPrune() {
    }

    public enum Reason {
        /** the same content as an older entry of the same drive key */
        DUPLICATE("duplicate"),
        /** a dump of a half-written drive, never a backup */
        INTERRUPTED("interrupted");

        private final String word;

        Reason(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** @param keptAs for a duplicate, the entry that stays */
    public record Removal(LibraryContents.Item item, Reason reason, Optional<Path> keptAs) {
    }

    public record Plan(List<Removal> removals, List<LibraryIssue> issues) {
        public Plan {
            removals = List.copyOf(removals);
            issues = List.copyOf(issues);
        }
    }

    /** What a prune would remove, from the library as it verifies now (every image hashed again). */
    public static Plan plan(BackupLibrary library) {
        LibraryContents contents = LibraryContents.of(library, Optional.empty(), true);
        Map<String, List<LibraryContents.Item>> byContent = new LinkedHashMap<>();
        List<Removal> removals = new ArrayList<>();
        for (LibraryContents.Item item : contents.items()) {
            LibraryEntry e = item.entry();
            if (e.state() == BackupState.INTERRUPTED) {
                removals.add(new Removal(item, Reason.INTERRUPTED, Optional.empty()));
            } else if (e.state() == BackupState.COMPLETE) {
                byContent.computeIfAbsent(item.driveKey() + "\0" + e.sha256(), k -> new ArrayList<>()).add(item);
            }
        }
        for (List<LibraryContents.Item> same : byContent.values()) {
            same.sort(Comparator.comparing((LibraryContents.Item i) -> i.entry().createdAt())
                    .thenComparing(i -> i.entry().file().getFileName().toString()));
            Path kept = same.getFirst().entry().file();
            same.stream().skip(1).forEach(i -> removals.add(new Removal(i, Reason.DUPLICATE, Optional.of(kept))));
        }
        return new Plan(removals, contents.issues());
    }

    /** A removal done, or left alone and why. */
    public record Outcome(Removal removal, boolean removed, String detail) {
    }

    /** Carries out {@code plan}; each removal is checked again first and skipped (with why) when it changed. */
    public static List<Outcome> apply(BackupLibrary library, Plan plan) {
        List<Outcome> out = new ArrayList<>();
        for (Removal r : plan.removals()) {
            try {
                remove(library, r);
                out.add(new Outcome(r, true, ""));
            } catch (IOException | RuntimeException e) {
                out.add(new Outcome(r, false, String.valueOf(e.getMessage())));
            }
        }
        return out;
    }

    private static void remove(BackupLibrary library, Removal r) throws IOException {
        LibraryEntry e = r.item().entry();
        String imageName = e.file().getFileName().toString();
        String sidecarName = BackupSidecar.pathFor(e.file()).getFileName().toString();
        BasicFileAttributes top = Files.readAttributes(library.backups(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!top.isDirectory()) {
            throw new IOException(library.backups() + " is not a directory; odflash does not follow links in its data home");
        }
        try (DirectoryStream<Path> backups = Files.newDirectoryStream(library.backups())) {
            if (!(backups instanceof SecureDirectoryStream<Path> root)) {
                throw new IOException("this platform cannot remove files through a directory descriptor; prune is not"
                        + " done (remove " + e.file() + " by hand)");
            }
            // openat(O_NOFOLLOW): a link planted at the drive folder fails here, never followed
            try (SecureDirectoryStream<Path> drive = root.newDirectoryStream(Path.of(r.item().driveKey()), LinkOption.NOFOLLOW_LINKS)) {
                Path image = Path.of(imageName);
                if (!sameContent(drive, image, e.sha256())) {
                    throw new IOException(e.file() + " changed since it was checked; left alone");
                }
                if (r.keptAs().isPresent()) {
                    Path kept = r.keptAs().get();
                    List<BackupSightings.Sighting> sightings = new ArrayList<>();
                    sightings.add(BackupSightings.ofEntry(e.file()));
                    sightings.addAll(r.item().seen());
                    long size = drive.getFileAttributeView(image, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .readAttributes().size();
                    BackupSightings.add(kept, e.sha256(), size, sightings); // the history moves before the copy goes
                }
                drive.deleteFile(image); // the image first: what is left is a sidecar, an unfinished publish
                drive.deleteFile(Path.of(sidecarName));
            }
        }
    }

    /** Whether {@code name} in {@code dir} is still a plain file with this sha256 (read without following a link). */
    private static boolean sameContent(SecureDirectoryStream<Path> dir, Path name, String sha256) throws IOException {
        BasicFileAttributes a = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
        if (!a.isRegularFile()) {
            return false;
        }
        MessageDigest md = Sha256.digest();
        try (SeekableByteChannel ch = dir.newByteChannel(name, java.util.Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return Hex.of(md.digest()).equals(sha256);
    }
}
