package dev.odflash.cli;

import dev.odflash.chip.ChipTable;
import dev.odflash.transport.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One drive, one writer: a command holds the drive from its first read to its end, so a flash waiting at
 * its confirmation keeps every other odflash out (exit 4, "in use by PID n"), in this process or another,
 * and the plan it showed is the plan it executes.
 */
class DriveLockTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** A flash run in the background on an interactive terminal whose answer the test types later. */
    private final class PromptedFlash {
        final PipedOutputStream keyboard = new PipedOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Integer> exit;

        PromptedFlash(String... args) throws Exception {
            PipedInputStream in = new PipedInputStream(keyboard);
            Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), in, true);
            exit = CompletableFuture.supplyAsync(() -> Cli.run(args, t,
                    Map.of("ODFLASH_HOME", home.toString(), "HOME", home.toString())));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!err.toString(StandardCharsets.UTF_8).contains("Type yes")) {
                assertThat(System.nanoTime()).as("the flash never asked: " + err).isLessThan(deadline);
                assertThat(exit).as("the flash ended before asking: " + err).isNotDone();
                Thread.sleep(20);
            }
        }

        int answer(String text) throws Exception {
            keyboard.write(text.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            return exit.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFlashWaitingAtItsPromptKeepsEveryOtherCommandOutAndFlashesThePlanItShowed() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Path v135 = write(dir, "1.35.bin", image("1.35"));
        String spec = "emu:asus-crw-5224a?image=" + flash;
        PromptedFlash first = new PromptedFlash("flash", "--device", spec, v120.toString(), "--quiet");
        String me = "in use by PID " + ProcessHandle.current().pid();

        CliRunner cli = new CliRunner(home);
        CliRunner.Run second = cli.run("flash", "--device", spec, v135.toString(), "--yes", "--quiet");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(4);
        assertThat(second.err()).contains(me);
        for (String command : new String[] {"info", "status", "doctor"}) {
            CliRunner.Run r = cli.run(command, "--device", spec);
            assertThat(r.out() + r.err()).as(command).contains(me); // doctor reports it as a failed check
            if (command.equals("doctor")) {
                assertThat(r.out()).as(r.toString()).contains("wait for another odflash"); // the fix it gives for a busy drive
            } else {
                assertThat(r.exitCode()).as(command + "\n" + r).isEqualTo(4);
            }
        }
        Path out = dir.resolve("backup.bin");
        CliRunner.Run backup = cli.run("backup", "--device", spec, "-o", out.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(4);
        assertThat(backup.err()).contains(me);
        assertThat(out).doesNotExist();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10")); // nothing reached the chip

        assertThat(first.answer("yes\n")).as(first.err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20")); // the first flash's result, nothing lost
        CliRunner.Run after = cli.run("info", "--device", spec);
        assertThat(after.exitCode()).as(after.toString()).isZero(); // the lock went with the command
    }

    /** Another odflash process: opens the drive the way every command does and holds it until its stdin closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (Device d = DeviceResolver.open(args[0], ChipTable.builtIn())) {
                System.out.println("held " + d.spec());
                System.out.flush();
                System.in.read();
            }
        }
    }

    @Test
    void anotherProcessHoldingTheImageIsNamedByItsPidAndNothingIsWritten() throws Exception {
        for (String profile : new String[] {"asus-crw-5224a", "btc-drw1008"}) {
            Path flash = dir.resolve(profile + ".bin");
            String spec = "emu:" + profile + "?image=" + flash;
            assertThat(new CliRunner(home).run("info", "--device", spec).exitCode()).isZero(); // creates it
            byte[] before = Files.readAllBytes(flash);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Holder.class.getName(), spec).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).startsWith("held");
                Path backup = dir.resolve(profile + "-backup.bin");
                CliRunner.Run b = new CliRunner(home).run("backup", "--device", spec, "-o", backup.toString());
                assertThat(b.exitCode()).as(b.toString()).isEqualTo(4);
                assertThat(b.err()).contains("in use by PID " + holder.pid());
                assertThat(backup).doesNotExist();
                CliRunner.Run info = new CliRunner(home).run("info", "--device", spec, "--json");
                assertThat(info.exitCode()).as(info.toString()).isEqualTo(4);
                assertThat(info.json().path("error").path("message").asText()).contains("in use by PID " + holder.pid());
            } finally {
                holder.destroyForcibly();
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readAllBytes(flash)).isEqualTo(before);
            assertThat(new CliRunner(home).run("info", "--device", spec).exitCode()).isZero(); // free again
        }
    }
}
