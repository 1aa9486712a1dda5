package dev.odflash.emulator;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file a device spec names ({@code image=}, {@code stats=}), checked when the spec is opened so a path
 * that cannot work is a usage error (exit 2) before any command reaches the drive, never a failure at the
 * end of the run: a literal {@code ~} (inside a spec no shell expands it), a directory that does not
 * exist or is not a directory, a directory the file cannot be created in.
 */
final class SpecPath {
    private SpecPath() {
    }

    /** The absolute path {@code key=} names, empty when the spec has none; IllegalArgumentException when it cannot work. */
    static Optional<Path> of(EmulatorSpec spec, String key) {
        String value = spec.params().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + "= needs a file name");
        }
        if (value.startsWith("~")) {
            throw new IllegalArgumentException(key + "=" + value + ": a ~ inside a device spec is not expanded by the"
                    + " shell, and odflash does not expand it either; give the full path (e.g. " + key + "=$HOME"
                    + value.substring(value.indexOf('/') < 0 ? value.length() : value.indexOf('/')) + " outside quotes)");
        }
        Path file;
        try {
            file = Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + "=" + value + ": not a valid path (" + e.getReason() + ")");
        }
        Path dir = file.getParent();
        if (dir == null) {
            throw new IllegalArgumentException(key + "=" + value + ": names no file");
        }
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(key + "=" + value + ": the directory " + dir + " does not exist"
                    + " (odflash creates the file, never its directories)");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(key + "=" + value + ": " + dir + " is not a directory");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isWritable(dir)) {
            throw new IllegalArgumentException(key + "=" + value + ": the file cannot be created: the directory "
                    + dir + " is not writable");
        }
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && key.equals("image") && !Files.isWritable(file)) {
            throw new IllegalArgumentException(key + "=" + value + ": the file is not writable (an emulated drive"
                    + " keeps its flash in it)");
        }
        return Optional.of(file);
    }
}
