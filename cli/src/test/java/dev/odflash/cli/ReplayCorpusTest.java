package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay corpus (cli/src/test/resources/replay/README.md): every trace of a report replays as a regression
 * test. Today's odflash must send exactly the recorded commands (CDB, direction, length, in order) and end
 * with the exit code the report recorded, so a change in what info or doctor sends to a drive shows here.
 */
class ReplayCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyTraceOfTheCorpusReplays() throws IOException, URISyntaxException {
        List<Path> traces = corpus();
        assertThat(traces).as("the corpus is not empty").isNotEmpty();
        return traces.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> replays(t)));
    }

    @Test
    void everyCorpusTraceHasItsReportSummaryAndAHeader() throws IOException, URISyntaxException {
        for (Path t : corpus()) {
            assertThat(summary(t)).as(t + ": NAME.json from the report's command.json").exists();
            assertThat(Files.readAllLines(t).getFirst()).as(t + " starts with its header").contains("\"header\"");
        }
    }

    private void replays(Path trace) throws IOException {
        String command = trace.getFileName().toString().endsWith(".doctor.jsonl") ? "doctor" : "info";
        JsonNode recorded = JSON.readTree(summary(trace).toFile());
        Path again = work.resolve(trace.getFileName() + ".again");
        CliRunner.Run r = new CliRunner(work.resolve("home-" + trace.getFileName())).run(command, "--device",
                "replay:" + trace, "--json", "--trace", again.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(recorded.path(command + "ExitCode").asInt());
        assertThat(r.err()).as(r.toString()).doesNotContain("replay diverged").doesNotContain("no header line");
        assertThat(commands(again)).as("the commands sent now, against those recorded").isEqualTo(commands(trace));
    }

    private static List<String> commands(Path trace) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode n = JSON.readTree(line);
            if (n.has("cdb")) {
                out.add(n.path("cdb").asText() + "/" + n.path("dir").asText() + "/" + n.path("len").asLong());
            }
        }
        return out;
    }

    private static Path summary(Path trace) {
        String name = trace.getFileName().toString().replaceAll("\\.(info|doctor)\\.jsonl$", ".json");
        return trace.resolveSibling(name);
    }

    private static List<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(ReplayCorpusTest.class.getResource("/replay/README.md").toURI()).getParent();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(".+\\.(info|doctor)\\.jsonl")).sorted().toList();
        }
    }
}
