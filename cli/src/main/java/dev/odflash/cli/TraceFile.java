package dev.odflash.cli;

import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates the --trace file: a new regular file or nothing (O_CREAT|O_EXCL, which never follows a link
 * and never opens a FIFO, so a planted symlink cannot redirect the trace and a planted FIFO cannot hang
 * the run). An existing regular file is refused (exit 4: never overwritten); a link, FIFO, directory or
 * device at the path is a usage error (exit 2), as is a missing parent directory.
 */
final class TraceFile {
    private TraceFile() {
    }

    static Writer create(Path path) throws OdflashException {
        try {
            return Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw OdflashException.refused(Gate.OUTPUT_EXISTS, "--trace " + path + " exists; odflash never overwrites a file");
            }
            throw OdflashException.usage("--trace " + path + " is " + kind(path) + ", not a new file; odflash creates"
                    + " its trace as a new regular file and never follows a link");
        } catch (IOException e) {
            throw OdflashException.usage("--trace " + path + ": cannot create it (" + e.getMessage() + ")");
        }
    }

    private static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link";
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        return "a FIFO, socket or device";
    }
}
