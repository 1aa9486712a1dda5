package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10 §7: a failing trace sink warns once and the drive operation goes on (uses the Cli.run seam: new API). */
class TraceSinkFailureTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** A sink that takes {@code lines} lines, then fails as a full disk does. */
    static UnaryOperator<Writer> failingAfter(int lines) {
        return w -> new FilterWriter(w) {
            private final AtomicInteger written = new AtomicInteger();

            @Override
            public void write(int c) throws IOException {
                check();
                super.write(c);
                if (c == '\n') {
                    written.incrementAndGet();
                }
            }

            @Override
            public void write(String s, int off, int len) throws IOException {
                check();
                super.write(s, off, len);
            }

            @Override
            public void write(char[] b, int off, int len) throws IOException {
                check();
                super.write(b, off, len);
            }

            private void check() throws IOException {
                if (written.get() >= lines) {
                    throw new IOException("No space left on device");
                }
            }
        };
    }

    private CliRunner.Run run(UnaryOperator<Writer> sink, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        int code = Cli.run(args, t, Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString()), Clock.systemUTC(), sink);
        return new CliRunner.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTraceSinkThatFailsMidFlashStopsTracingAndTheFlashFinishes() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path trace = dir.resolve("t.jsonl");
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner.Run r = run(failingAfter(40), "flash", "--device", device, v120.toString(), "--yes",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Flashed and verified");
        assertThat(r.err().lines().filter(l -> l.contains("--trace")).toList()).as(r.toString()).hasSize(1)
                .allMatch(l -> l.startsWith("warning: ") && l.contains("No space left on device")
                        && l.contains("tracing stopped"));
        assertThat(Files.readAllLines(trace)).hasSize(40);
        assertThat(new CliRunner(home).run("verify", "--device", device, v120.toString()).exitCode())
                .as("the drive holds the whole new image").isZero();
    }

    @Test
    void aTraceSinkThatFailsAtOnceLeavesADownloadFlashRunning() {
        Path v = write(dir, "0058.bin", dev.odflash.emulator.download.DownloadFirmware.image(
                dev.odflash.emulator.EmulatorProfiles.BTC_DRW1008, "0058"));
        CliRunner.Run r = run(failingAfter(0), "flash", "--device", "emu:btc-drw1008", v.toString(), "--yes",
                "--without-backup", "--trace", dir.resolve("b.jsonl").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning: --trace").doesNotContain("Exception");
    }

}
