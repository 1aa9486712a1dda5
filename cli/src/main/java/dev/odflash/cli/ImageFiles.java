package dev.odflash.cli;

import dev.odflash.ops.OdflashException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a firmware file the user names, bounded: no layout odflash knows is larger than 16 MiB. */
final class ImageFiles {
    static final long MAX_IMAGE = 16L << 20;

    private ImageFiles() {
    }

    static byte[] readBounded(Path file) throws OdflashException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw OdflashException.usage(file + ": no such readable file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_IMAGE) {
                throw OdflashException.refused(file + " is " + size + " bytes, larger than any firmware odflash knows"
                        + " (16 MiB); not firmware");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw OdflashException.usage(file + ": " + e.getMessage());
        }
    }
}
