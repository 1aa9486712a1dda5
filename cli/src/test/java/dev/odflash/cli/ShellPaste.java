package dev.odflash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pastes a suggested command into bash and zsh with a stub `odflash` on PATH that records its argv, and
 * runs the CLI in-process with a data home of its own (the helpers of the suggested-command tests).
 */
final class ShellPaste {
    static final List<String> SHELLS = List.of("bash", "zsh");
    private final Path tmp;
    private final Path stub;
    final Map<String, String> env = new HashMap<>();

    ShellPaste(Path tmp, Path home) throws IOException {
        this.tmp = tmp;
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        stub = bin.resolve("odflash");
        // records each argument NUL-terminated, as the shell passed it
        Files.writeString(stub, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$ARGV_OUT\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("ODFLASH_HOME", home.toString());
        env.put("HOME", home.toString());
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        int code = Cli.run(args, t, Map.copyOf(env));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in:\n" + text));
    }

    /** The command in backticks right after {@code lead} in a message. */
    static String after(String text, String lead) {
        Matcher m = Pattern.compile(Pattern.quote(lead) + "`([^`]*)`").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no `command` after '" + lead + "' in:\n" + text);
        }
        return m.group(1);
    }

    /** Pastes {@code hint} into every shell, checks the argv it produces and returns it. */
    List<String> pastedEverywhere(String hint, List<String> intended) throws Exception {
        assertThat(hint).startsWith("odflash ");
        for (String shell : SHELLS) {
            assertThat(argvOf(shell, hint)).as(shell + " -c " + hint).containsExactlyElementsOf(intended);
        }
        return intended;
    }

    /** The directory holding the stub `odflash`: a hint naming `./odflash` runs the stub from there. */
    Path bin() {
        return stub.getParent();
    }

    private List<String> argvOf(String shell, String line) throws Exception {
        return argvOf(shell, line, tmp);
    }

    /** What the stub recorded when {@code shell} ran {@code line} in {@code cwd}. */
    List<String> argvOf(String shell, String line, Path cwd) throws Exception {
        Path argvFile = Files.createTempFile(tmp, "argv", ".bin");
        Files.delete(argvFile);
        List<String> command = shell.equals("zsh") ? List.of("zsh", "-f", "-c", line) : List.of("bash", "-c", line);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", stub.getParent() + ":/usr/bin:/bin");
        pb.environment().put("ARGV_OUT", argvFile.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(shell + " is needed by this test (Debian package " + shell + "; scripts/deps.sh"
                    + " installs it)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(shell + " -c " + line + ": " + output).isZero();
        assertThat(argvFile).as(shell + " ran the stub in the foreground: " + line).exists();
        String recorded = Files.readString(argvFile, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(List.of(recorded.split("\0", -1)));
        argv.removeLast(); // after the last terminator
        return argv;
    }

    static List<String> plus(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }
}
