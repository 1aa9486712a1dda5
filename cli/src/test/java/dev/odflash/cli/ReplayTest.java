package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace recorded from one run plays back as a drive; the first divergence fails. */
class ReplayTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aRecordedIdentityTracePlaysBackAndDivergenceIsReported() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run live = cli.run("info", "--device", "emu:asus-crw-5224a?bridge=drop-vendor", "--json",
                "--trace", trace.toString());
        assertThat(live.exitCode()).as(live.toString()).isZero();
        // keep the SCSI commands only: chip-channel calls carry hashes, not data, and cannot be replayed
        Path scsiOnly = dir.resolve("scsi.jsonl");
        Files.write(scsiOnly, Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).toList());
        CliRunner.Run replay = cli.run("info", "--device", "replay:" + scsiOnly, "--json");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.json().path("inquiry")).isEqualTo(live.json().path("inquiry"));
        assertThat(replay.json().path("family").asText()).isEqualTo("mtk8051");

        Path cut = dir.resolve("cut.jsonl");
        Files.write(cut, Files.readAllLines(scsiOnly).subList(0, 1));
        CliRunner.Run diverged = cli.run("info", "--device", "replay:" + cut);
        assertThat(diverged.exitCode()).isEqualTo(3);
        assertThat(diverged.err()).contains("replay diverged");
    }

    @Test
    void aMissingTraceIsAUsageError() {
        assertThat(new CliRunner(home).run("info", "--device", "replay:" + dir.resolve("none.jsonl")).exitCode()).isEqualTo(2);
    }
}
