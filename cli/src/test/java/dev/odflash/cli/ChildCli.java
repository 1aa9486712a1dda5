package dev.odflash.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI in a child JVM, as a user's shell does: libflashrom 1.3 keeps the first programmer's state for
 * the life of the process (a second dummy init still emulates the first chip), so odflash opens one
 * {@code flashrom:} device per process, and each run of a test that uses one gets a process of its own.
 */
final class ChildCli {
    private final Path home;
    private final List<String> jvmOptions = new ArrayList<>();
    private String typed;

    ChildCli(Path home) {
        this.home = home;
    }

    ChildCli withJvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Runs as at a terminal ({@link TypingMain}), with {@code input} as what the user types. */
    ChildCli typing(String input) {
        typed = input;
        return this;
    }

    CliRunner.Run run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(ChildClassPath.get());
        cmd.add(typed == null ? Main.class.getName() : TypingMain.class.getName());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Path in = Path.of("/dev/null");
            if (typed != null) {
                in = Files.createTempFile(home, "in", ".txt");
                Files.writeString(in, typed, StandardCharsets.UTF_8);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(in.toFile()));
            pb.environment().put("ODFLASH_HOME", home.toString());
            pb.environment().put("HOME", home.toString());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("odflash " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new CliRunner.Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
