package dev.odflash.cli;

import dev.odflash.bytes.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill -9 of a `backup -o FILE` process at spread-out instants (docs/architecture.md "Safety rules", rule 2): whatever the
 * instant, FILE is a complete checksummed backup or absent, and a retry succeeds or is refused onto
 * the complete one. The exact instants are covered step by step in {@link BackupPublishCrashTest};
 * this shows the same with a real process and SIGKILL, so its assertions hold at any timing.
 */
class BackupKillTest {
    @TempDir
    Path work;

    private Process start(Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", ChildClassPath.get(), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("child-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("ODFLASH_HOME", home.toString());
        return pb.start();
    }

    @Test
    void aBackupKilledAtAnyInstantLeavesACompleteBackupOrNone() throws Exception {
        byte[] drive = image("1.10");
        Path flash = write(work, "flash.bin", drive);
        String device = "emu:asus-crw-5224a?image=" + flash;
        Path home = Files.createDirectories(work.resolve("home"));

        // how long a whole run takes here (JVM start included): the kills are spread over it
        Path timed = Files.createDirectories(work.resolve("timed")).resolve("b.bin");
        long t0 = System.nanoTime();
        Process p = start(home, "backup", "--device", device, "-o", timed.toString(), "--quiet");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("a child odflash runs from the test class path").isZero();
        long runNanos = System.nanoTime() - t0;

        int rounds = 8;
        for (int i = 0; i < rounds; i++) {
            Path d = Files.createDirectories(work.resolve("kill-" + i));
            Path file = d.resolve("b.bin");
            Process c = start(home, "backup", "--device", device, "-o", file.toString(), "--quiet");
            // from well into the run (JVM start, reads) to just past its usual end
            long delay = runNanos / 2 + runNanos * i / (2L * rounds) + runNanos / 8;
            if (!c.waitFor(delay, TimeUnit.NANOSECONDS)) {
                c.destroyForcibly(); // SIGKILL on Linux: no finally block, no shutdown hook runs
            }
            assertThat(c.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String at = "killed after " + delay / 1_000_000 + " ms (a run takes " + runNanos / 1_000_000 + " ms)";
            if (Files.exists(file)) {
                Path sidecar = Path.of(file + ".json");
                assertThat(sidecar).as(at + ": an image only with its sidecar").exists();
                assertThat(Files.readString(sidecar)).as(at).contains(Sha256.hex(Files.readAllBytes(file)));
                assertThat(Files.readAllBytes(file)).as(at).isEqualTo(drive);
            }
            boolean complete = Files.exists(file);
            CliRunner.Run retry = new CliRunner(home).run("backup", "--device", device, "-o", file.toString());
            assertThat(retry.exitCode()).as(at + "\n" + retry).isEqualTo(complete ? 4 : 0);
            assertThat(Files.readAllBytes(file)).as(at).isEqualTo(drive);
            assertThat(Files.readString(Path.of(file + ".json"))).as(at).contains(Sha256.hex(drive));
            if (!complete) {
                assertThat(d.toFile().list()).as(at + ": a retry leaves the backup and its sidecar, nothing else")
                        .containsExactlyInAnyOrder("b.bin", "b.bin.json");
            }
        }
    }
}
