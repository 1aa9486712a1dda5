package dev.odflash.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run of the runtime image's AOT cache (scripts/package-deb.sh runs it once with
 * -XX:AOTCacheOutput): the commands a user starts most (--version, --help, list, info and identify on an
 * emulated drive, demo) in one JVM, so the classes they load and link are in the cache. Every run has a
 * fresh data home in a temporary directory and its output is discarded; a command that fails fails the
 * training, so a cache is never made from a broken jar.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("odflash-aot-training");
        try {
            List<String> failed = train(work);
            if (!failed.isEmpty()) {
                System.err.println("odflash AOT training: these runs failed: " + failed);
                System.exit(1);
            }
        } finally {
            delete(work);
        }
    }

    /** Runs the training commands in WORK; returns those that did not exit 0. */
    static List<String> train(Path work) {
        String firmware = work.resolve("1.10.bin").toString();
        List<List<String>> runs = List.of(
                List.of("--version"),
                List.of("--help"),
                List.of("info", "--help"),
                List.of("list"),
                List.of("info", "--device", "emu:asus-crw-5224a"),
                List.of("info", "--device", "emu:asus-crw-5224a", "--json"),
                List.of("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10", "-o", firmware),
                List.of("identify", firmware),
                List.of("demo", "--dir", work.resolve("demo").toString()));
        Map<String, String> env = Map.of("HOME", work.toString(), "ODFLASH_HOME", work.resolve("home").toString());
        List<String> failed = new ArrayList<>();
        for (List<String> run : runs) {
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            Terminal terminal = new Terminal(discard, discard, new ByteArrayInputStream(new byte[0]), false);
            if (Cli.run(run.toArray(String[]::new), terminal, env) != 0) {
                failed.add(String.join(" ", run));
            }
        }
        return failed;
    }

    private static void delete(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
