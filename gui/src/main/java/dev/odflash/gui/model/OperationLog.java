package dev.odflash.gui.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GUI's diagnostic log: every operation's start, warnings and outcome. Each operation's part is also saved on its own under the library's
 * {@code gui-logs/} when it ends (as freemkv-flash keeps a log per operation), so "Save report…" beside an
 * error always has the whole story. Thread-safe: the worker writes, the event thread reads.
 */
public final class OperationLog {
    public enum Level { INFO, WARNING, ERROR }

    public record Line(Instant at, Level level, String operation, String text) {
        public String format() {
            return at + " " + level.name().toLowerCase(Locale.ROOT) + " [" + operation + "] " + text;
        }
    }

    private final Clock clock;
    private final Optional<Path> saveDirectory;
    private final List<Line> lines = new ArrayList<>();
    private final Changes changes = new Changes();

    /** @param saveDirectory where each finished operation's log is kept (empty: kept in memory only) */
    public OperationLog(Clock clock, Optional<Path> saveDirectory) {
        this.clock = clock;
        this.saveDirectory = saveDirectory;
    }

    public Changes changes() {
        return changes;
    }

    public void add(Level level, String operation, String text) {
        synchronized (lines) {
            lines.add(new Line(clock.instant(), level, operation, Texts.visible(text)));
        }
        changes.fire();
    }

    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines whose text or operation contains {@code filter} (any case). */
    public List<Line> filtered(String filter) {
        String f = filter.toLowerCase(Locale.ROOT);
        return lines().stream()
                .filter(l -> f.isEmpty() || l.text().toLowerCase(Locale.ROOT).contains(f)
                        || l.operation().toLowerCase(Locale.ROOT).contains(f)).toList();
    }

    /** The report of one operation (or of everything, {@code operation} empty): a header and its lines. */
    public String report(Optional<String> operation) {
        StringBuilder sb = new StringBuilder("odflash GUI diagnostic report\n");
        sb.append("java ").append(Runtime.version()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append('\n');
        for (Line l : lines()) {
            if (operation.isEmpty() || operation.get().equals(l.operation())) {
                sb.append(l.format()).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Writes the report to a new file: an existing file (or a link at its name) is never overwritten or
     * followed.
     */
    public void save(Path file, Optional<String> operation) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write(report(operation).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Keeps a finished operation's log in the save directory; a failure to keep it is logged, never thrown. */
    Optional<Path> keep(String operation) {
        if (saveDirectory.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(saveDirectory.get());
            String stamp = clock.instant().toString().replace(":", "").replace(".", "-");
            for (int n = 0; n < 100; n++) {
                Path f = saveDirectory.get().resolve(stamp + "-" + operation + (n == 0 ? "" : "-" + n) + ".log");
                if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                    save(f, Optional.of(operation));
                    return Optional.of(f);
                }
            }
        } catch (IOException e) {
            add(Level.WARNING, operation, "the diagnostic log could not be kept: " + e.getMessage());
        }
        return Optional.empty();
    }
}
