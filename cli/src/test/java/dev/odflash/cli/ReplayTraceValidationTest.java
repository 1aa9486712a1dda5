package dev.odflash.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10 §5: a replay: trace is validated at load; a bad field is a usage error (2) naming its line and field. */
class ReplayTraceValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    private List<String> lines;

    @BeforeEach
    void record() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run live = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?bridge=drop-vendor",
                "--trace", trace.toString());
        assertThat(live.exitCode()).as(live.toString()).isZero();
        lines = Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).toList();
        assertThat(lines.size()).isGreaterThan(2);
    }

    /** The trace with line 2 changed by {@code edit}, replayed. */
    private CliRunner.Run replayWithLine2(Consumer<ObjectNode> edit) throws IOException {
        List<String> out = new ArrayList<>(lines);
        ObjectNode n = (ObjectNode) JSON.readTree(out.get(1));
        edit.accept(n);
        out.set(1, JSON.writeValueAsString(n));
        Path f = Files.write(Files.createTempFile(dir, "bad", ".jsonl"), out);
        return new CliRunner(home).run("info", "--device", "replay:" + f);
    }

    private void refused(CliRunner.Run r, String field) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains("line 2").contains("\"" + field + "\"")
                .doesNotContain("internal error").doesNotContain("Exception");
    }

    @Test
    void theRecordedTraceIsValid() throws IOException {
        Path f = Files.write(dir.resolve("ok.jsonl"), lines);
        assertThat(new CliRunner(home).run("info", "--device", "replay:" + f).exitCode()).isZero();
    }

    @Test
    void badHexNegativeTimesAndUnknownErrorKindsNameTheirLineAndField() throws IOException {
        refused(replayWithLine2(n -> n.put("status", 2).put("sense", "zz")), "sense");
        refused(replayWithLine2(n -> n.put("sense", "707")), "sense");
        refused(replayWithLine2(n -> n.put("ms", -1)), "ms");
        refused(replayWithLine2(n -> n.put("ms", "soon")), "ms");
        refused(replayWithLine2(n -> n.put("error", "MELTED")), "error");
        refused(replayWithLine2(n -> n.put("cdb", "12xx")), "cdb");
        refused(replayWithLine2(n -> n.put("dir", "sideways")), "dir");
        refused(replayWithLine2(n -> n.put("status", 256)), "status");
        refused(replayWithLine2(n -> n.put("len", -4)), "len");
        refused(replayWithLine2(n -> n.put("dataIn", "abc")), "dataIn");
        refused(replayWithLine2(n -> n.put("dataOutSha256", "not-a-hash")), "dataOutSha256");
    }

    @Test
    void aLineThatIsNotAnObjectIsRefusedWithItsNumber() throws IOException {
        List<String> out = new ArrayList<>(lines);
        out.set(1, "[1, 2]");
        Path f = Files.write(dir.resolve("arr.jsonl"), out);
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "replay:" + f);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("line 2");
    }
}
