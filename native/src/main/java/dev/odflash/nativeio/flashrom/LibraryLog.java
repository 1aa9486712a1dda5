package dev.odflash.nativeio.flashrom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code -Dodflash.libflashrom.log=FILE}: libflashrom's own log at debug level (what {@code flashrom -V} prints,
 * one line per message), for the erase-count comparison with the flashrom CLI and the benchmark
 * (docs/testing.md). The file is created new (never through a link, never overwritten) and closed with the
 * session.
 */
final class LibraryLog {
    static final String PROPERTY = "odflash.libflashrom.log";

    private LibraryLog() {
    }

    static void attachIfAsked(ProgrammerSession session) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Writer out;
        try {
            out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + file + ": " + e.getMessage());
        }
        session.observe(FlashromLog.DEBUG, line -> {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // caught in the upcall; the line is counted as dropped
            }
        });
    }
}
