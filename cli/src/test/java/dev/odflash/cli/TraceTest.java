package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TraceTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private List<JsonNode> lines(Path trace) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(trace)) {
            out.add(new ObjectMapper().readTree(l));
        }
        return out;
    }

    @Test
    void infoTraceHoldsTheScsiCommandsAndChipCalls() throws IOException {
        Path trace = dir.resolve("info.jsonl");
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = lines(trace);
        assertThat(lines.getFirst().has("header")).as("the header line comes first").isTrue();
        lines = lines.subList(1, lines.size());
        JsonNode inquiry = lines.getFirst();
        assertThat(inquiry.path("cdb").asText()).isEqualTo("120000002400");
        assertThat(inquiry.path("dir").asText()).isEqualTo("in");
        assertThat(inquiry.path("status").asInt()).isZero();
        assertThat(inquiry.path("dataIn").asText()).startsWith("05800032").contains("41535553"); // "ASUS"
        JsonNode tur = lines.get(2);
        assertThat(tur.path("cdb").asText()).isEqualTo("000000000000");
        assertThat(tur.path("status").asInt()).isEqualTo(2);
        assertThat(tur.path("sense").asText()).startsWith("70").contains("3a01");
        assertThat(lines.stream().map(l -> l.path("op").asText()).toList()).contains("enter", "id", "leave");
    }

    @Test
    void anExistingTraceFileIsNotOverwritten() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        Files.writeString(trace, "keep");
        CliRunner.Run r = new CliRunner(home).run("--trace", trace.toString(), "info", "--device", "emu:asus-crw-5224a");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(Files.readString(trace)).isEqualTo("keep");
    }
}
