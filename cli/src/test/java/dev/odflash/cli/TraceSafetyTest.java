package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Issue 10 §7: a diagnostic never aborts a write; the trace file is created new, never through a link. */
class TraceSafetyTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aPlantedSymlinkAtTheTracePathIsNeverFollowed() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "root-only content");
        Path link = Files.createSymbolicLink(dir.resolve("t.jsonl"), victim);
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a", "--trace", link.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("root-only content");
        Path dangling = Files.createSymbolicLink(dir.resolve("d.jsonl"), dir.resolve("created-through-link"));
        assertThat(new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a", "--trace", dangling.toString())
                .exitCode()).isEqualTo(2);
        assertThat(dir.resolve("created-through-link")).doesNotExist();
    }

    @Test
    void aPlantedFifoAtTheTracePathIsRefusedWithoutAHang() throws Exception {
        Path fifo = dir.resolve("fifo.jsonl");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliRunner.Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new CliRunner(home)
                .run("info", "--device", "emu:asus-crw-5224a", "--trace", fifo.toString()));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("FIFO");
    }

    @Test
    void anExistingFileIsRefusedAndAMissingDirectoryIsAUsageError() throws IOException {
        Path existing = Files.writeString(dir.resolve("e.jsonl"), "keep");
        assertThat(new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a", "--trace", existing.toString())
                .exitCode()).isEqualTo(4);
        assertThat(Files.readString(existing)).isEqualTo("keep");
        assertThat(new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a", "--trace",
                dir.resolve("no/such/dir/t.jsonl").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void doctorTracesWhatItSends() throws IOException {
        Path trace = dir.resolve("doctor.jsonl");
        CliRunner.Run r = new CliRunner(home).run("doctor", "--device", "emu:tsst-ts-h353c", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(trace)).anyMatch(l -> l.contains("\"cdb\":\"12")) // INQUIRY
                .anyMatch(l -> l.contains("\"cdb\":\"ff00ff")); // the vendor probe
    }
}
