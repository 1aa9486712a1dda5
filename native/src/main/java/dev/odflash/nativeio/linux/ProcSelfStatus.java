package dev.odflash.nativeio.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The effective uid from /proc/self/status, read as a file: its "Uid:" line holds the real, effective,
 * saved and filesystem uids (proc(5), https://man7.org/linux/man-pages/man5/proc_pid_status.5.html).
 * Every run asks for the uid (the data home under sudo); geteuid(2) through FFM makes its downcall stubs
 * at every start, which the runtime image's AOT cache cannot hold (docs/build-notes.md section 4), while
 * this file is read in well under a millisecond. Callers fall back to geteuid(2) when it says nothing.
 */
public final class ProcSelfStatus {
    /** The file is about 1.5 KiB; a bound keeps a strange /proc from filling memory. */
    private static final int MAX = 64 << 10;

    private ProcSelfStatus() {
    }

    public static OptionalInt effectiveUid() {
        return effectiveUid(Path.of("/proc/self/status"));
    }

    static OptionalInt effectiveUid(Path status) {
        String text;
        try (InputStream in = Files.newInputStream(status, LinkOption.NOFOLLOW_LINKS)) {
            text = new String(in.readNBytes(MAX), StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalInt.empty();
        }
        return parse(text);
    }

    /** The second number of the "Uid:" line; empty when there is none or it is not a uid. */
    static OptionalInt parse(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).trim().split("\\s+");
                if (f.length < 2 || !f[1].matches("[0-9]{1,10}")) {
                    return OptionalInt.empty();
                }
                long uid = Long.parseLong(f[1]);
                return uid <= 0xFFFF_FFFEL ? OptionalInt.of((int) uid) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }
}
