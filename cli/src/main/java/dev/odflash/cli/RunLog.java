package dev.odflash.cli;

import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.ToolVersion;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log of one run (README "Logs"): every {@link System.Logger} record of the run's thread at INFO
 * and above (DEBUG with --debug), written to {@code $ODFLASH_HOME/logs/<UTC time>-<command>-<pid>.log}
 * once the run opens a drive. A run that opens no drive writes nothing; records logged before the
 * first drive is opened are kept in memory and written first.
 *
 * <p>The file is created new ({@code O_CREAT|O_EXCL}, no link followed) in a logs directory that is
 * itself no link, through a directory handle where the platform has one; a taken name gets a
 * {@code -2}, {@code -3}, ... suffix. Before the file is created, older logs are pruned: the newest
 * {@value #KEEP} runs (this one included) within {@value #MAX_AGE_DAYS} days are kept; only regular
 * files whose names odflash gives its logs are ever removed. Logging is a diagnostic: a failure warns
 * once on stderr and the run goes on without its log (it never changes an exit code).
 */
final class RunLog {
    /** The log of the run on this thread; {@link RunLogFinder}'s loggers write to it. */
    static final ScopedValue<RunLog> CURRENT = ScopedValue.newInstance();
    static final int KEEP = 50;
    static final int MAX_AGE_DAYS = 30;
    static final Pattern NAME = Pattern.compile("(\\d{8}T\\d{6}Z)-[a-z0-9-]+-\\d+(?:-\\d+)?\\.log");
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int NAME_ATTEMPTS = 16;
    /** Records held before a drive is opened (a run that opens none discards them). */
    private static final int BUFFER_LIMIT = 10_000;

    private final Path home;
    private final Clock clock;
    private final BooleanSupplier debug;
    private final UnaryOperator<Writer> sink;
    private final Consumer<String> warn;
    private final String[] args;
    private final List<String> held = new ArrayList<>();
    private String command = "odflash";
    private Path file;
    private Writer out;
    private boolean failed;

    /**
     * @param sink test seam: wraps the log file's writer (a sink that fails)
     * @param warn prints one warning on stderr
     */
    RunLog(Path home, Clock clock, String[] args, BooleanSupplier debug, UnaryOperator<Writer> sink,
           Consumer<String> warn) {
        this.home = home;
        this.clock = clock;
        this.args = args.clone();
        this.debug = debug;
        this.sink = sink;
        this.warn = warn;
    }

    /** The command being run, for the file name (e.g. {@code flash}, {@code journal-adopt}). */
    synchronized void command(String name) {
        this.command = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    boolean loggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= (debug.getAsBoolean() ? Level.DEBUG : Level.INFO).getSeverity();
    }

    /** The file of this run's log, once created. */
    synchronized Path file() {
        return file;
    }

    synchronized void record(String logger, Level level, String message, Throwable thrown) {
        if (failed || !loggable(level)) {
            return;
        }
        StringBuilder line = new StringBuilder();
        line.append(Instant.now(clock)).append(' ').append(level.getName()).append(' ').append(logger).append(": ")
                .append(TerminalText.visible(String.valueOf(message)).replace("\n", "\n    "));
        if (thrown != null) {
            line.append("\n    ").append(TerminalText.visible(String.valueOf(thrown)));
            if (debug.getAsBoolean()) {
                StringWriter w = new StringWriter();
                thrown.printStackTrace(new PrintWriter(w));
                line.append("\n    ").append(TerminalText.visible(w.toString().strip()).replace("\n", "\n    "));
            }
        }
        if (out == null) {
            if (held.size() < BUFFER_LIMIT) {
                held.add(line.toString());
            }
            return;
        }
        write(line + "\n");
    }

    /** The run opens a drive: the log file is created (older logs pruned first) or, if it exists, the drive noted. */
    synchronized void openingDevice(String spec) {
        if (failed) {
            return;
        }
        if (out != null) {
            write(Instant.now(clock) + " INFO odflash: opening drive " + TerminalText.visible(spec) + "\n");
            return;
        }
        Path logs = home.resolve("logs");
        try {
            AtomicFiles.createDirectoriesBelow(home, logs); // a link at logs/ is refused, never followed
            Instant now = clock.instant();
            out = sink.apply(create(logs, now));
            StringBuilder header = new StringBuilder();
            header.append("odflash ").append(ToolVersion.get()).append(" run log, started ").append(now).append('\n')
                    .append("command line: odflash").append(commandLine()).append('\n')
                    .append("pid: ").append(ProcessHandle.current().pid()).append('\n')
                    .append("drive: ").append(TerminalText.visible(spec)).append(" (its identity follows once probed)\n");
            write(header.toString());
            for (String line : held) {
                write(line + "\n");
            }
            held.clear();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // every record was flushed when written
            }
        }
        held.clear();
    }

    private void write(String text) {
        if (failed || out == null) {
            return;
        }
        try {
            out.write(text);
            out.flush(); // a killed run keeps what it logged
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        failed = true;
        held.clear();
        warn.accept("the run log " + (file != null ? file : home.resolve("logs")) + " could not be written ("
                + e.getMessage() + "); the run goes on without its log");
        if (out != null) {
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing
            }
        }
    }

    /** The arguments as one line, each control character made visible, arguments with spaces quoted. */
    private String commandLine() {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            String v = TerminalText.visible(a);
            b.append(' ').append(v.isEmpty() || v.chars().anyMatch(c -> c == ' ' || c == '\'' || c == '"')
                    ? "'" + v.replace("'", "'\\''") + "'" : v);
        }
        return b.toString();
    }

    /** Under sudo the log is the invoking user's (docs/architecture.md "Contracts", data home). */
    private static void claim(Path file, java.io.Closeable opened) throws IOException {
        try {
            dev.odflash.ops.DataHome.claimCreated(file);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
    }

    private Writer create(Path logs, Instant now) throws IOException {
        BasicFileAttributes dirAttrs = Files.readAttributes(logs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!dirAttrs.isDirectory()) {
            throw new IOException(logs + " is not a directory");
        }
        String stem = STAMP.format(now) + "-" + command + "-" + ProcessHandle.current().pid();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(logs)) {
            if (stream instanceof SecureDirectoryStream<Path> dir) {
                // the handle is the directory checked above (not a link swapped in since): names act inside it
                Object key = dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
                if (key == null || !Objects.equals(key, dirAttrs.fileKey())) {
                    throw new IOException(logs + " changed while being opened; odflash does not follow links");
                }
                prune(names(dir), now, name -> dir.deleteFile(Path.of(name)), name -> dir.getFileAttributeView(
                        Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes());
                for (int attempt = 1; ; attempt++) {
                    String name = stem + (attempt == 1 ? "" : "-" + attempt) + ".log";
                    try {
                        SeekableByteChannel ch = dir.newByteChannel(Path.of(name), Set.of(StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
                        file = logs.resolve(name);
                        claim(file, ch);
                        return Channels.newWriter(ch, StandardCharsets.UTF_8);
                    } catch (FileAlreadyExistsException e) {
                        if (attempt >= NAME_ATTEMPTS) {
                            throw e;
                        }
                    }
                }
            }
            prune(names(stream), now, name -> Files.delete(logs.resolve(name)),
                    name -> Files.readAttributes(logs.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        }
        for (int attempt = 1; ; attempt++) {
            Path candidate = logs.resolve(stem + (attempt == 1 ? "" : "-" + attempt) + ".log");
            try {
                Writer w = Files.newBufferedWriter(candidate, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                file = candidate;
                claim(file, w);
                return w;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static List<String> names(DirectoryStream<Path> stream) {
        List<String> names = new ArrayList<>();
        for (Path p : stream) {
            names.add(p.getFileName().toString());
        }
        return names;
    }

    private interface NameAction {
        void apply(String name) throws IOException;
    }

    private interface NameAttributes {
        BasicFileAttributes read(String name) throws IOException;
    }

    /**
     * Keeps the newest {@code KEEP - 1} logs (the run about to start is the last) that are at most
     * {@code MAX_AGE_DAYS} old by the time in their names; removes the others. Anything not named as
     * odflash names its logs, or not a regular file (a link, a directory), is left alone.
     */
    static List<String> prune(List<String> names, Instant now, NameAction delete, NameAttributes attributes) {
        Instant oldest = now.minus(Duration.ofDays(MAX_AGE_DAYS));
        record Log(String name, Instant when) {
        }
        List<Log> logs = new ArrayList<>();
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                continue;
            }
            try {
                if (!attributes.read(name).isRegularFile()) {
                    continue;
                }
                logs.add(new Log(name, Instant.from(STAMP.parse(m.group(1)))));
            } catch (IOException | RuntimeException e) {
                // gone meanwhile, or a name that only looks like a date: not ours to remove
            }
        }
        logs.sort(Comparator.comparing(Log::when).thenComparing(Log::name).reversed());
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            Log log = logs.get(i);
            if (i >= KEEP - 1 || log.when().isBefore(oldest)) {
                try {
                    delete.apply(log.name());
                    removed.add(log.name());
                } catch (IOException e) {
                    // a log that cannot be removed now is tried again by the next run
                }
            }
        }
        return removed;
    }
}
