package dev.odflash.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where an emulated drive's flash lives between runs ({@code ?image=FILE}). A missing file is created
 * from the profile's default firmware; a file of the wrong size for the chip is refused, never padded
 * or cut (architecture.md "Contracts"). Saves replace the file atomically.
 */
public final class FlashImageStore {
    private final Optional<Path> file;

    public FlashImageStore(Optional<Path> file) {
        this.file = file;
    }

    public Optional<Path> file() {
        return file;
    }

    /** The stored image, or empty when there is none yet (or no file: in-memory drive). */
    public Optional<byte[]> load(long expectedSize) throws IOException {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return Optional.empty();
        }
        long size = Files.size(file.get());
        if (size != expectedSize) {
            throw new IllegalArgumentException("image file " + file.get() + " holds " + size + " bytes but the chip has "
                    + expectedSize + "; it is neither padded nor cut (use a file made for this chip, or another path)");
        }
        return Optional.of(Files.readAllBytes(file.get()));
    }

    /** Saves now; a failure to save is a broken emulator host (disk full, file removed), not a drive fault. */
    public void saveOrFail(byte[] contents) {
        try {
            save(contents);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot save the emulated flash to " + file.orElseThrow(), e);
        }
    }

    public void save(byte[] contents) throws IOException {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get().toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + ".saving");
        Files.write(temp, contents);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
