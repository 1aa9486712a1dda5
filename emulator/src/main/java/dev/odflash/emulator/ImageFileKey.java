package dev.odflash.emulator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The identity of an emulated drive's {@code ?image=} file for journals (Device#pathKey): its real
 * path, so {@code ./x.bin}, {@code x.bin}, an absolute path and a link to it are one drive. A file
 * not created yet is named by its directory's real path and its name.
 */
public final class ImageFileKey {
    private ImageFileKey() {
    }

    public static String of(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return abs.toRealPath().toString();
        } catch (IOException e) {
            try {
                Path parent = abs.getParent();
                return parent == null ? abs.toString() : parent.toRealPath().resolve(abs.getFileName()).toString();
            } catch (IOException again) {
                return abs.toString();
            }
        }
    }
}
