package dev.odflash.transport.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a lock on a file, from Linux's {@code /proc/locks}. Each line is
 * {@code N: KIND ADVISORY|MANDATORY READ|WRITE PID MAJ:MIN:INODE START END}, major and minor in hex
 * (fs/locks.c, lock_get_status); blocked waiters carry a {@code ->} before the kind and are not owners.
 * KIND is FLOCK (flock(2)), POSIX (fcntl F_SETLK, what Java's FileChannel.lock takes) or OFDLCK (whose
 * PID column is -1: no owner to name). Pure text parsing: the native and emulator modules both ask it.
 */
public final class ProcLocks {
    /** The kernel's table; readable by everyone. */
    public static final Path TABLE = Path.of("/proc/locks");
    /** More than any real table; a bound so a strange /proc cannot make us read forever. */
    private static final long MAX_BYTES = 4L << 20;

    /** One held lock: its kind, its owner and the file's device and inode. */
    public record Entry(String kind, long pid, long major, long minor, long inode) {
    }

    /** The file identity /proc/locks prints: st_dev split the way glibc's major()/minor() split it, and st_ino. */
    public record FileId(long major, long minor, long inode) {
        /** From a stat st_dev and st_ino (glibc gnu_dev_major / gnu_dev_minor). */
        public static FileId of(long dev, long inode) {
            long major = ((dev >>> 8) & 0xFFF) | ((dev >>> 32) & ~0xFFFL);
            long minor = (dev & 0xFF) | ((dev >>> 12) & ~0xFFL);
            return new FileId(major, minor, inode);
        }

        /** The file a path names (the path itself, not a link's target), via the JDK's "unix" attribute view. */
        public static Optional<FileId> of(Path file) {
            try {
                Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino");
                return Optional.of(of(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue()));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                return Optional.empty();
            }
        }

        /** Like {@link #of(Path)} without following a final link. */
        public static Optional<FileId> ofNoFollow(Path file) {
            try {
                Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
                return Optional.of(of(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue()));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                return Optional.empty();
            }
        }
    }

    private ProcLocks() {
    }

    /** The held locks in a /proc/locks text; lines that do not parse (and waiters) are skipped. */
    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            parseLine(line).ifPresent(out::add);
        }
        return out;
    }

    static Optional<Entry> parseLine(String line) {
        String[] f = line.strip().split("\\s+");
        // "1:", KIND, ADVISORY, WRITE, PID, MAJ:MIN:INO, START, END
        if (f.length < 6 || !f[0].endsWith(":") || f[1].equals("->")) {
            return Optional.empty();
        }
        String[] id = f[5].split(":");
        if (id.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(f[1].toUpperCase(Locale.ROOT), Long.parseLong(f[4]),
                    Long.parseLong(id[0], 16), Long.parseLong(id[1], 16), Long.parseLong(id[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The PID holding a lock of {@code kind} on {@code file}, if the table names one. */
    public static Optional<Long> owner(String text, String kind, FileId file) {
        return parse(text).stream()
                .filter(e -> e.kind().equals(kind) && e.pid() > 0)
                .filter(e -> e.major() == file.major() && e.minor() == file.minor() && e.inode() == file.inode())
                .map(Entry::pid).findFirst();
    }

    /** {@link #owner(String, String, FileId)} on this machine's table; empty where there is none. */
    public static Optional<Long> owner(String kind, FileId file) {
        // /proc files report size 0, so the bound is on what is read, not on the size
        try (var in = Files.newInputStream(TABLE)) {
            return owner(new String(in.readNBytes((int) MAX_BYTES), StandardCharsets.US_ASCII), kind, file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
