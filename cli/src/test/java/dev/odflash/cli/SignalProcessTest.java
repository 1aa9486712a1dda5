package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGINT to a real process (docs/architecture.md "Interruption"): the CLI in a child JVM with the
 * handlers Main installs sends itself SIGINT when a progress line appears and holds its main thread
 * briefly, so the signal lands in the middle of that phase.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalProcessTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** args[0]: the progress line that triggers the SIGINT; the rest: the command line. */
    public static final class Child {
        public static void main(String[] args) {
            String trigger = args[0];
            OutputStream watcher = new OutputStream() {
                private final ByteArrayOutputStream line = new ByteArrayOutputStream();
                private boolean sent;

                @Override
                public void write(int b) {
                    System.err.write(b);
                    if (b != '\n') {
                        line.write(b);
                        return;
                    }
                    if (!sent && line.toString(StandardCharsets.UTF_8).startsWith(trigger)) {
                        sent = true;
                        try {
                            new ProcessBuilder("kill", "-INT", String.valueOf(ProcessHandle.current().pid()))
                                    .start().waitFor();
                            Thread.sleep(2_000); // the handler runs while the phase is still going on
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    line.reset();
                }
            };
            Terminal t = new Terminal(System.out, new PrintStream(watcher, true, StandardCharsets.UTF_8),
                    InputStream.nullInputStream(), false);
            SignalHandlers.install();
            System.exit(Cli.run(java.util.Arrays.copyOfRange(args, 1, args.length), t, System.getenv()));
        }
    }

    /**
     * A prefix that gives the child SIGINT's default disposition: a suite started as a background job of a shell
     * without job control (`(mvn test &)`) inherits SIGINT ignored, and a JVM that starts with it ignored keeps it
     * ignored, so the child would never see the test's signal (exit 0, not 130). coreutils' env resets it; where
     * env lacks the option (macOS) the child inherits whatever the suite had.
     */
    private static final java.util.List<String> DEFAULT_SIGINT = defaultSigint();

    private static java.util.List<String> defaultSigint() {
        java.util.List<String> prefix = java.util.List.of("env", "--default-signal=INT");
        try {
            Process probe = new ProcessBuilder(concat(prefix, "true")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 ? prefix : java.util.List.of();
        } catch (Exception e) {
            return java.util.List.of();
        }
    }

    private static java.util.List<String> concat(java.util.List<String> a, String b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.add(b);
        return all;
    }

    private Process child(String trigger, String... args) throws Exception {
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> cmd = new java.util.ArrayList<>(DEFAULT_SIGINT);
        cmd.addAll(java.util.List.of(jvm, "-cp", ChildClassPath.get(), Child.class.getName(), trigger));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("child.err").toFile());
        pb.environment().put("ODFLASH_HOME", home.toString());
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p;
    }

    @Test
    void sigintDuringAChipWriteStopsAtASafePointWithExit130AndTheSameCommandResumes() throws Exception {
        byte[] target = image("1.35");
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v135 = write(dir, "1.35.bin", target);
        String spec = "emu:asus-crw-5224a?image=" + flash;
        Process p = child("write: 50%", "flash", "--device", spec, v135.toString(), "--yes");
        String err = Files.readString(dir.resolve("child.err"));
        assertThat(p.exitValue()).as(err).isEqualTo(130);
        assertThat(err).contains("interrupt (SIGINT): stopping after the erase or program in progress")
                .contains("interrupted: stopped between two chip operations").contains("to resume run: odflash flash")
                .doesNotContain("write: 100%");
        assertThat(Files.readAllBytes(flash)).isNotEqualTo(target);

        CliRunner.Run again = new CliRunner(home).run("flash", "--device", spec, v135.toString(), "--yes", "--quiet");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("resumed");
        assertThat(Files.readAllBytes(flash)).isEqualTo(target);
    }

    @Test
    void sigintDuringABackupEndsAtOnceAndPublishesNothing() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Process p = child("read pass 1/2: 50%", "backup", "--device", "emu:asus-crw-5224a?image=" + flash);
        String err = Files.readString(dir.resolve("child.err"));
        assertThat(p.exitValue()).as(err).isEqualTo(130);
        assertThat(err).contains("interrupted (SIGINT): no write was in progress, nothing was published")
                .doesNotContain("read pass 2/2");
        try (Stream<Path> s = Files.walk(home)) {
            assertThat(s.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(f -> f.endsWith(".bin") || f.endsWith(".bin.json"));
        }
    }
}
