package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Nothing waits forever (README rule 7): a confirmation nobody answers is a refusal after its bounded
 * wait (10 minutes; a short one here), nothing is written, and the drive's lock is given back.
 */
class ConfirmationWaitTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** A terminal at which nobody ever types: every read blocks until the test ends. */
    static final class NobodyTypes extends InputStream {
        final CountDownLatch end = new CountDownLatch(1);

        @Override
        public int read() {
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    @Test
    void anUnansweredConfirmationIsRefusedAfterItsWaitAndWritesNothing() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path trace = dir.resolve("t.jsonl");
        NobodyTypes in = new NobodyTypes();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), in, true);
        AtomicInteger code = new AtomicInteger(-1);
        Thread run = Thread.ofPlatform().daemon().start(() -> ScopedValue.where(TerminalConfirmation.WAIT,
                Duration.ofMillis(300)).run(() -> code.set(Cli.run(new String[] {"flash", "--device",
                "emu:asus-crw-5224a?image=" + flash, v120.toString(), "--quiet", "--trace", trace.toString()}, t,
                Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString())))));
        try {
            run.join(Duration.ofSeconds(60));
            assertThat(run.isAlive()).as("the confirmation gave up waiting").isFalse();
        } finally {
            in.end.countDown();
        }
        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(code.get()).as(shown).isEqualTo(4);
        assertThat(shown).contains("no answer within 300 ms counts as no").contains("no answer within 300 ms: taken as no")
                .contains("nothing was written");
        assertThat(FlashFixtures.noWriteCommand(trace)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        // the lock went with the run: the next command opens the drive at once
        assertThat(new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?image=" + flash).exitCode()).isZero();
    }

    @Test
    void thePromptSaysTheDefaultWaitInMinutes() {
        assertThat(TerminalConfirmation.words(TerminalConfirmation.DEFAULT_WAIT)).isEqualTo("10 minutes");
        assertThatCode(() -> TerminalConfirmation.words(Duration.ofSeconds(90))).doesNotThrowAnyException();
    }
}
