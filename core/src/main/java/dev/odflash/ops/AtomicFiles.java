package dev.odflash.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishes files so a reader sees the whole file or none: write a temporary file beside the
 * target, fsync it, then link it into place (a hard link fails if the target exists, so nothing is
 * overwritten even in a race), and fsync the directory.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void publish(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            linkNoReplace(temp, target);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Publishes a file the user asked for, with the contract's exit codes: an existing file is refused
     * (4) and left alone, an unwritable place is a usage error (2).
     */
    public static void publishNew(Path target, byte[] content) throws OdflashException {
        if (Files.exists(target)) {
            throw OdflashException.refused(target + " exists; odflash never overwrites a file");
        }
        try {
            publish(target, content);
        } catch (FileAlreadyExistsException e) {
            throw OdflashException.refused(target + " exists; odflash never overwrites a file");
        } catch (IOException e) {
            throw OdflashException.usage("cannot write " + target + ": " + e.getMessage());
        }
    }

    private static void linkNoReplace(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            // file systems without hard links: fall back to a rename after an existence check
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every OS lets a directory be opened for fsync; the file itself is already synced
        }
    }
}
