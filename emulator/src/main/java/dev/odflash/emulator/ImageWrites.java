package dev.odflash.emulator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The writes of an emulated drive's {@code ?image=} file ({@link FlashImageStore}), named so a test
 * can fail one as a full or failing disk would; the real one does nothing.
 */
@FunctionalInterface
public interface ImageWrites {
    ImageWrites REAL = (file, offset, length) -> { };

    /** The writes on this thread; a test binds its own. */
    ScopedValue<ImageWrites> CURRENT = ScopedValue.newInstance();

    /** Called before {@code length} bytes are written at {@code offset} of {@code file}; an exception fails the write. */
    void before(Path file, long offset, int length) throws IOException;
}
