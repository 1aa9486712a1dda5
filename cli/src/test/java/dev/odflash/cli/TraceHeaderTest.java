package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trace starts with its header line (tool, version, the host path's limits, the clock), and replay: serves the
 * commands under the header's limits: a backup recorded through a 4 KiB path replays only under that limit.
 */
class TraceHeaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void theFirstLineIsTheHeaderWithTheLimitsTheCommandsWereCutTo() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-bw16d1ht?maxxfer=65536&align=511",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode first = JSON.readTree(Files.readAllLines(trace).getFirst());
        JsonNode h = first.path("header");
        assertThat(h.path("tool").asText()).isEqualTo("odflash");
        assertThat(h.path("version").asText()).isNotEmpty().isNotEqualTo("unknown");
        assertThat(h.path("maxTransfer").asLong()).isEqualTo(65536);
        assertThat(h.path("alignMask").asInt()).isEqualTo(511);
        assertThat(h.path("clock").asText()).isEqualTo("virtual");
        assertThat(first.has("cdb")).isFalse();
    }

    @Test
    void replayHonoursTheHeaderLimitAndAnOldTraceWithoutOneReplaysUnderOneMibWithAWarning() throws IOException {
        Path trace = dir.resolve("backup.jsonl");
        Path out = dir.resolve("live.bin");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run live = cli.run("backup", "--device", "emu:asus-bw16d1ht?maxxfer=4096", "-o", out.toString(),
                "--trace", trace.toString());
        assertThat(live.exitCode()).as(live.toString()).isZero();
        List<String> scsi = Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"") || l.contains("\"header\"")).toList();
        // every read was cut to 4 KiB on the way: the recording holds no larger command
        assertThat(scsi.stream().filter(l -> l.contains("\"cdb\"")).map(TraceHeaderTest::len)).allMatch(n -> n <= 4096);
        Path withHeader = dir.resolve("with.jsonl");
        Files.write(withHeader, scsi);
        Path home2 = dir.resolve("h2");
        CliRunner.Run replayed = new CliRunner(home2).run("backup", "--device", "replay:" + withHeader, "-o",
                dir.resolve("o2.bin").toString());
        assertThat(replayed.exitCode()).as(replayed.toString()).isZero();
        assertThat(replayed.err()).doesNotContain("no header line");

        Path old = dir.resolve("old.jsonl");
        Files.write(old, scsi.stream().filter(l -> !l.contains("\"header\"")).toList());
        CliRunner.Run oldReplay = new CliRunner(dir.resolve("h3")).run("backup", "--device", "replay:" + old, "-o",
                dir.resolve("o3.bin").toString());
        assertThat(oldReplay.err()).contains("warning: replay: " + old + " has no header line")
                .contains("1048576-byte transfer limit");
        // under the assumed 1 MiB the host sends its reads whole, which the 4 KiB recording never saw
        assertThat(oldReplay.exitCode()).as(oldReplay.toString()).isEqualTo(3);
        assertThat(oldReplay.err()).contains("replay diverged");
    }

    @Test
    void aBadHeaderFieldIsAUsageErrorNamingTheLineAndField() throws IOException {
        Path t = dir.resolve("bad.jsonl");
        Files.writeString(t, "{\"header\":{\"tool\":\"odflash\",\"version\":\"1\",\"maxTransfer\":65536,\"alignMask\":6,"
                + "\"clock\":\"wall\"}}\n");
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "replay:" + t);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("line 1: header field \"alignMask\"");
        Files.writeString(t, "{\"cdb\":\"00\",\"dir\":\"none\",\"len\":0,\"status\":0}\n"
                + "{\"header\":{\"tool\":\"odflash\",\"version\":\"1\",\"maxTransfer\":0,\"alignMask\":0,\"clock\":\"wall\"}}\n");
        CliRunner.Run late = new CliRunner(home).run("info", "--device", "replay:" + t);
        assertThat(late.exitCode()).isEqualTo(2);
        assertThat(late.err()).contains("line 2");
    }

    private static long len(String line) {
        try {
            return JSON.readTree(line).path("len").asLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
