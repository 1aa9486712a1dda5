package dev.odflash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every command a CLI test run prints as a suggestion pastes (README "Commands", issue "every suggested
 * command pastes and works"): {@link CliRunner} hands each run's output here. A suggestion built by
 * {@link SuggestedCommand} (recorded through its test seam with the argv it stands for) is run by bash and
 * by zsh with a stub `odflash` on PATH that records its argv, which must be exactly the intended one; any
 * other `odflash ...` in backticks on one line (help text may wrap a long one) must at least give bash and
 * zsh the same words. A shell that is not
 * installed is skipped here (SuggestedCommandShellTest requires both and says which package).
 */
final class PastedHints {
    private static final Pattern BACKTICKED = Pattern.compile("`((?:\\./)?odflash [^`\\n]*)`");
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
    private static volatile Path stubDir;

    private PastedHints() {
    }

    static void check(String out, String err, Map<String, List<String>> printed) {
        String text = out + "\n" + err;
        List<String> lines = new ArrayList<>();
        printed.keySet().stream().filter(line -> text.contains(line) && CHECKED.add(line)).forEach(lines::add);
        List<String> others = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            if (!printed.containsKey(m.group(1)) && CHECKED.add(m.group(1))) {
                others.add(m.group(1));
            }
        }
        List<String> all = new ArrayList<>(lines);
        all.addAll(others);
        if (all.isEmpty()) {
            return;
        }
        var bash = argvOf("bash", all);
        var zsh = argvOf("zsh", all);
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            if (i < lines.size()) {
                List<String> argv = printed.get(line);
                for (var shell : List.of(Map.entry("bash", bash), Map.entry("zsh", zsh))) {
                    int n = i;
                    shell.getValue().ifPresent(got -> assertThat(got.get(n)).as(shell.getKey() + " -c " + line)
                            .containsExactlyElementsOf(argv.subList(1, argv.size())));
                }
            } else if (bash.isPresent() && zsh.isPresent()) {
                assertThat(zsh.get().get(i)).as("bash and zsh take `" + line + "` as the same words")
                        .isEqualTo(bash.get().get(i));
            }
        }
    }

    private static synchronized Path stub() throws IOException {
        if (stubDir == null) {
            Path dir = Files.createTempDirectory("odflash-pasted-hints");
            Path stub = dir.resolve("odflash");
            Files.writeString(stub, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$ARGV_OUT\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
            stubDir = dir;
        }
        return stubDir;
    }

    /**
     * The argv a shell gives the stub for each line, the lines run as one script (each with its own record
     * file, so one shell start checks a run's every suggestion); empty when the shell is not installed.
     */
    private static java.util.Optional<List<List<String>>> argvOf(String shell, List<String> lines) {
        try {
            Path dir = stub();
            String id = System.nanoTime() + "-" + Thread.currentThread().threadId();
            StringBuilder script = new StringBuilder();
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Path f = dir.resolve("argv-" + id + "-" + i);
                files.add(f);
                // a prefix assignment reaches the first command of the line: the suggestion's own words follow
                script.append("ARGV_OUT=").append(f).append(' ').append(lines.get(i)).append('\n');
            }
            List<String> command = shell.equals("zsh") ? List.of("zsh", "-f", "-c", script.toString())
                    : List.of("bash", "-c", script.toString());
            // run where the stub is, so a "./odflash" suggestion finds it too
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("PATH", dir + ":/usr/bin:/bin");
            Process p;
            try {
                p = pb.start();
            } catch (IOException notInstalled) {
                return java.util.Optional.empty();
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as(shell + " -c " + script).isTrue();
            assertThat(p.exitValue()).as(shell + " -c " + script + ": " + output).isZero();
            List<List<String>> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Path f = files.get(i);
                assertThat(f).as(shell + " ran the stub in the foreground: " + lines.get(i)).exists();
                String recorded = Files.readString(f, StandardCharsets.UTF_8);
                Files.delete(f);
                List<String> argv = new ArrayList<>(List.of(recorded.split("\0", -1)));
                argv.removeLast(); // after the last terminator
                out.add(argv);
            }
            return java.util.Optional.of(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
