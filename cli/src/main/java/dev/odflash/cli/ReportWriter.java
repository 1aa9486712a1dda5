package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.ToolVersion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the report archive about one drive: the piece `odflash report` and the GUI's "Save report..." share
 * (through CliGuiHost), so both save the same zip. It runs `info` and `doctor` in this process with a trace of
 * each; it sends only reads. The caller words the result.
 */
final class ReportWriter {
    /** The newest run logs a report carries, each at most {@value #LOG_BYTES} bytes. */
    static final int LOGS = 10;
    static final int LOG_BYTES = 1 << 20;
    /** A trace of info or doctor is a few dozen commands; anything larger is not read into the report. */
    private static final long TRACE_BYTES = 64L << 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int NAME_ATTEMPTS = 16;

    private final AppContext ctx;
    private final String device;
    private final Path output;
    private final boolean noRedact;

    /**
     * @param output a new file to write, an existing directory to write into under the default name, or
     *               null for the current directory
     */
    ReportWriter(AppContext ctx, String device, Path output, boolean redact) {
        this.ctx = ctx;
        this.device = device;
        this.output = output;
        this.noRedact = !redact;
    }

    /** What was written: the file, its entries and size, how much was redacted, and the nested runs' exit codes. */
    record Written(Path path, List<String> entries, int bytes, boolean redacted, int serialsRedacted,
                   int infoExitCode, int doctorExitCode) {
    }

    /** One nested run of odflash: its exit code, stdout, stderr and trace lines. */
    private record Run(int exitCode, String out, String err, List<JsonNode> trace) {
    }

    /** Writes the archive (a bad output is refused before the drive is touched). */
    Written write() throws OdflashException, IOException {
        Instant now = ctx.clock().instant();
        Path target = explicitTarget(); // a bad -o is refused before the drive is touched
        ReportRedaction redaction = new ReportRedaction(!noRedact,
                List.of(String.valueOf(ctx.env().get("HOME")), System.getProperty("user.home", "")));
        List<LogFile> logs = recentLogs(); // the user's runs, read before this report's own runs add theirs
        Path work = Files.createTempDirectory("odflash-report-"); // mode 0700: the traces hold the unredacted answers
        Run info;
        Run doctor;
        try {
            info = nested(work.resolve("info.jsonl"), "info", "--device", device, "--json");
            doctor = nested(work.resolve("doctor.jsonl"), "doctor", "--device", device, "--json");
        } finally {
            deleteTree(work);
        }
        redaction.learnFromTrace(info.trace());
        redaction.learnFromTrace(doctor.trace());
        JsonNode infoJson = json(info.out());
        infoJson.findValues("serial").forEach(s -> redaction.learn(s.asText("")));

        ReportArchive zip = new ReportArchive(now);
        zip.add("README.txt", readme(redaction));
        zip.add("versions.json", pretty(versions()));
        zip.add("command.json", pretty(redaction.json(command(info, doctor))));
        zip.add("info.json", pretty(redaction.json(infoJson)));
        zip.add("info.stderr.txt", redaction.text(info.err()));
        zip.add("doctor.json", pretty(redaction.json(json(doctor.out()))));
        zip.add("doctor.stderr.txt", redaction.text(doctor.err()));
        zip.add("trace-info.jsonl", jsonLines(info.trace(), redaction));
        zip.add("trace-doctor.jsonl", jsonLines(doctor.trace(), redaction));
        zip.add("limits.json", pretty(limits(info.trace())));
        for (LogFile log : logs) {
            zip.add("logs/" + log.name(), redaction.text(new String(log.content(), StandardCharsets.UTF_8)));
        }
        byte[] archive = zip.finish();
        Path written = publish(target, archive, infoJson, now);

        return new Written(written, zip.names(), archive.length, !noRedact, noRedact ? 0 : redaction.serialCount(),
                info.exitCode(), doctor.exitCode());
    }

    /** Runs one odflash command in this process on captured streams, tracing into {@code trace}. */
    private Run nested(Path trace, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--trace", trace.toString()));
        if (ctx.options().chipDb != null) {
            argv.addAll(List.of("--chip-db", ctx.options().chipDb.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        int code;
        try {
            code = Cli.run(argv.toArray(String[]::new), t, ctx.env(), ctx.clock());
        } finally {
            ctx.interrupts().activate(); // the nested run handed signals back to nobody; this run takes them again
        }
        List<JsonNode> lines = new ArrayList<>();
        if (Files.isRegularFile(trace, LinkOption.NOFOLLOW_LINKS)) {
            try {
                BoundedInput.lines(trace, TRACE_BYTES, (int) Math.min(Integer.MAX_VALUE, TRACE_BYTES), "trace", (n, line) -> {
                    if (!line.isBlank()) {
                        lines.add(json(line));
                    }
                });
            } catch (InputFileException e) {
                lines.clear(); // an oversized trace is left out; the run's output still says what happened
            }
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), lines);
    }

    private Path explicitTarget() throws OdflashException {
        if (output == null || Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (AtomicFiles.taken(output)) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, output + " exists; odflash never overwrites a file");
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw OdflashException.usage("output directory " + parent + " does not exist");
        }
        return output;
    }

    /** Publishes the archive: at the named file, or under the default name with -2, -3, ... if it is taken. */
    private Path publish(Path target, byte[] archive, JsonNode info, Instant now) throws OdflashException {
        if (target != null) {
            AtomicFiles.publishNew(target, archive);
            return target;
        }
        Path dir = output != null ? output : Path.of("");
        String base = "odflash-report-" + nameWord(info.path("inquiry").path("vendor").asText("")) + "_"
                + nameWord(info.path("inquiry").path("product").asText("")) + "-" + STAMP.format(now);
        for (int i = 1; i <= NAME_ATTEMPTS; i++) {
            Path p = dir.resolve(base + (i == 1 ? "" : "-" + i) + ".zip");
            if (AtomicFiles.taken(p)) {
                continue;
            }
            try {
                AtomicFiles.publish(p, archive); // link(2): never replaces a file that appeared meanwhile
                return p;
            } catch (FileAlreadyExistsException e) {
                // taken between the check and the link: try the next name
            } catch (IOException e) {
                throw OdflashException.usage("cannot write " + p + ": " + e.getMessage());
            }
        }
        throw OdflashException.refused(Gate.OUTPUT_EXISTS, base + ".zip and " + (NAME_ATTEMPTS - 1)
                + " numbered names exist in " + dir.toAbsolutePath() + "; odflash never overwrites a file");
    }

    /** A drive's INQUIRY string as a file-name word: letters, digits, '.' and '-' only ("unknown" when none). */
    static String nameWord(String s) {
        String w = s.strip().replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
        return w.isEmpty() ? "unknown" : w.length() > 32 ? w.substring(0, 32) : w;
    }

    private record LogFile(String name, byte[] content) {
    }

    /** The newest run logs (odflash's own names only, regular files only: a link there is not followed). */
    private List<LogFile> recentLogs() {
        Path logs = DataHomes.resolve(ctx.env()).home().resolve("logs");
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(logs, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(logs)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (RunLog.NAME.matcher(name).matches() && AtomicFiles.isPlainFile(p)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(Comparator.reverseOrder()); // names start with their UTC time
        List<LogFile> out = new ArrayList<>();
        for (String name : names.subList(0, Math.min(LOGS, names.size()))) {
            try {
                out.add(new LogFile(name, BoundedInput.head(logs.resolve(name), LOG_BYTES, name)));
            } catch (InputFileException e) {
                // a log that became a link or vanished is left out
            }
        }
        return out;
    }

    private static ObjectNode versions() {
        ObjectNode o = Output.object();
        o.put("odflash", ToolVersion.get());
        o.put("java", Runtime.version().toString());
        o.put("javaVendor", System.getProperty("java.vendor", ""));
        o.put("os", System.getProperty("os.name", ""));
        o.put("osVersion", System.getProperty("os.version", ""));
        o.put("arch", System.getProperty("os.arch", ""));
        return o;
    }

    private ObjectNode command(Run info, Run doctor) {
        ObjectNode o = Output.object();
        o.put("device", device);
        o.put("infoExitCode", info.exitCode());
        o.put("doctorExitCode", doctor.exitCode());
        o.put("redacted", !noRedact);
        return o;
    }

    /** The host path's limits as the trace's header recorded them (the commands were cut to these). */
    private static ObjectNode limits(List<JsonNode> trace) {
        ObjectNode o = Output.object();
        JsonNode header = trace.stream().filter(n -> n.has("header")).findFirst().map(n -> n.get("header")).orElse(null);
        if (header == null) {
            o.put("known", false);
            o.put("why", "the drive could not be opened, so no limits were read");
            return o;
        }
        o.put("known", true);
        o.set("maxTransfer", header.path("maxTransfer"));
        o.set("alignMask", header.path("alignMask"));
        o.set("clock", header.path("clock"));
        return o;
    }

    private static String readme(ReportRedaction redaction) {
        return """
                odflash problem report

                versions.json        odflash, Java and OS versions
                command.json         the drive spec and the exit codes of info and doctor
                info.json            `odflash info --json` (and its stderr in info.stderr.txt)
                doctor.json          `odflash doctor --json` (and its stderr in doctor.stderr.txt)
                trace-info.jsonl     every command info sent and what the drive answered (replay:FILE plays it)
                trace-doctor.jsonl   the same for doctor
                limits.json          the host path's largest transfer and buffer alignment
                logs/                the newest run logs

                """ + (redaction.enabled()
                ? "Serial numbers are replaced by " + ReportRedaction.SERIAL_WORD + " in text and by X bytes in trace"
                        + " answers; the home directory by ~.\n"
                : "Nothing was redacted (--no-redact).\n");
    }

    private static String jsonLines(List<JsonNode> lines, ReportRedaction redaction) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : lines) {
            sb.append(Output.mapper().writeValueAsString(redaction.traceLine(n))).append('\n');
        }
        return sb.toString();
    }

    private static JsonNode json(String text) {
        try {
            JsonNode n = Output.mapper().readTree(text);
            return n == null ? Output.object() : n;
        } catch (IOException e) {
            return Output.object().put("unparsed", text);
        }
    }

    private static String pretty(JsonNode n) throws IOException {
        return Output.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind in the user's temp directory is harmless
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
