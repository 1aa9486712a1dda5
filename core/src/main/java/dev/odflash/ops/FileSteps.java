package dev.odflash.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The file steps of a publish ({@link AtomicFiles}), named so a test can stop at each one: record
 * the directory there (what a kill -9 at that instant leaves, since it runs no finally block), or
 * fail it as a full disk would. The real steps do nothing and name temporary files at random.
 */
public interface FileSteps {
    enum Step {
        /** create a temporary file beside the target (create-new, no link followed) */
        CREATE_TEMP,
        /** write one chunk of the temporary file */
        WRITE,
        /** fsync the temporary file */
        SYNC_FILE,
        /** link (or rename) the temporary file to its final name */
        LINK,
        /** fsync the directory */
        SYNC_DIRECTORY,
        /** remove a temporary file, or a sidecar whose image could not be published */
        REMOVE
    }

    FileSteps REAL = new FileSteps() {
    };

    /** Called before each step on {@code path}; an exception fails the step as the OS would. */
    default void before(Step step, Path path) throws IOException {
    }

    /**
     * Links {@code link} to the file {@code existing} (link(2): fails if anything holds the name). A
     * test replaces it to fail as a file system without hard links would.
     */
    default void createLink(Path link, Path existing) throws IOException {
        Files.createLink(link, existing);
    }

    /**
     * The name of the temporary file for {@code target}, attempt {@code attempt} (a taken name is
     * skipped, never followed). Random, so a name cannot be planted ahead of time.
     */
    default String tempName(Path target, int attempt) {
        byte[] r = new byte[8];
        new SecureRandom().nextBytes(r); // publishes are rare: a fresh generator keeps no state in this interface
        return "." + target.getFileName() + "." + HexFormat.of().formatHex(r) + ".partial";
    }

    /** Whether {@code name} is one of the temporary names of {@code target} (ours to remove). */
    static boolean isTempOf(String name, Path target) {
        String prefix = "." + target.getFileName() + ".";
        return name.startsWith(prefix) && name.endsWith(".partial")
                && name.length() > prefix.length() + ".partial".length()
                && name.substring(prefix.length(), name.length() - ".partial".length()).indexOf('.') < 0;
    }
}
