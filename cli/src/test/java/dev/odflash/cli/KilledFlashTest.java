package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flash killed with SIGKILL half-way leaves in the {@code ?image=} file what a real chip would hold:
 * every erase and program that completed, nothing else; the same command again resumes and finishes.
 */
class KilledFlashTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** The CLI in a child JVM that sends itself SIGKILL when the write phase reports 50 %. */
    public static final class Child {
        public static void main(String[] args) {
            OutputStream watcher = new OutputStream() {
                private final ByteArrayOutputStream line = new ByteArrayOutputStream();

                @Override
                public void write(int b) {
                    System.err.write(b);
                    if (b != '\n') {
                        line.write(b);
                        return;
                    }
                    if (line.toString(StandardCharsets.UTF_8).startsWith("write: 50%")) {
                        try {
                            new ProcessBuilder("kill", "-KILL", String.valueOf(ProcessHandle.current().pid()))
                                    .start().waitFor();
                            Thread.sleep(60_000); // the signal arrives first
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    line.reset();
                }
            };
            Terminal t = new Terminal(System.out, new PrintStream(watcher, true, StandardCharsets.UTF_8),
                    InputStream.nullInputStream(), false);
            System.exit(Cli.run(args, t, System.getenv()));
        }
    }

    @Test
    void aFlashKilledHalfWayLeavesTheCompletedOperationsAndTheSameCommandFinishes() throws Exception {
        byte[] old = image("1.10");
        byte[] target = image("1.35");
        Path flash = write(dir, "flash.bin", old);
        Path v135 = write(dir, "1.35.bin", target);
        String spec = "emu:asus-crw-5224a?image=" + flash;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", ChildClassPath.get(), Child.class.getName(),
                "flash", "--device", spec, v135.toString(), "--yes").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("child.err").toFile());
        pb.environment().put("ODFLASH_HOME", home.toString());
        pb.environment().put("HOME", home.toString());
        Process child = pb.start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("child.err"));
        assertThat(child.exitValue()).as(err).isEqualTo(128 + 9); // killed by SIGKILL, not an exit
        assertThat(err).contains("write: 50%");

        byte[] now = Files.readAllBytes(flash);
        int changed = 0;
        int landed = 0;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != target[i]) {
                changed++;
                landed += now[i] == target[i] ? 1 : 0;
            }
        }
        // half the plan was done: those bytes are in the file; the rest of the plan is not
        assertThat(landed).as("bytes of the new image in the file").isGreaterThan(changed / 3).isLessThan(changed);

        CliRunner.Run again = new CliRunner(home).run("flash", "--device", spec, v135.toString(), "--yes", "--quiet");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("resumed");
        assertThat(Files.readAllBytes(flash)).isEqualTo(target);
    }
}
