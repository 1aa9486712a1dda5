package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the CLI in-process with captured streams and its own data home; every suggestion a run prints is
 * pasted into bash and zsh ({@link PastedHints}).
 */
final class CliRunner {
    private final Path home;

    CliRunner(Path home) {
        this.home = home;
    }

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON document: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Commands whose output is a script or a page, not hints: their comments show keystrokes, not commands. */
    private static final java.util.Set<String> PRINTS_SCRIPTS = java.util.Set.of("completion", "__complete", "__man");

    Run run(String... args) {
        return run(java.time.Clock.systemUTC(), args);
    }

    /** Runs as from a terminal (interactive), with {@code input} as what the user types. */
    Run runInteractive(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), true);
        int code = Cli.run(args, t, Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()),
                java.time.Clock.systemUTC());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs with a fixed clock (backup names carry the time). */
    Run run(java.time.Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        Map<String, java.util.List<String>> printed = new java.util.concurrent.ConcurrentHashMap<>();
        int code = ScopedValue.where(SuggestedCommand.PRINTED, printed).call(() ->
                Cli.run(args, t, Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()), clock));
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        if (!PRINTS_SCRIPTS.contains(args.length == 0 ? "" : args[0])) {
            PastedHints.check(run.out(), run.err(), printed); // every suggestion it printed pastes as intended
        }
        return run;
    }
}
