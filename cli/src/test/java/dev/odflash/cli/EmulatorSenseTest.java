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
 * The emulated drive returns raw sense bytes and the host decodes them with its one parser, live and in
 * replay: the bytes in the trace are the fixed format of SPC-4 §4.5.3 written out here, and a drive
 * that returns bytes in no sense format ({@code badsense@cmd:N}) is a clear device error (exit 3) that
 * shows the bytes, never a stack trace or a made-up condition.
 */
class EmulatorSenseTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** TEST UNIT READY without a disc: 2/3A/01 in an 18-byte fixed-format buffer (SPC-4 §4.5.3). */
    private static final String NO_MEDIUM_TRAY_CLOSED = "70" + "00" + "02" + "00000000" + "0a" + "00000000" + "3a" + "01"
            + "00000000";

    @Test
    void theTraceHoldsTheEmulatorsFixedFormatBytesAndReplayDecodesThem() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run live = cli.run("info", "--device", "emu:asus-crw-5224a?bridge=drop-vendor", "--json",
                "--trace", trace.toString());
        assertThat(live.exitCode()).as(live.toString()).isZero();
        List<JsonNode> checks = checkConditions(trace);
        assertThat(checks).as("info sends TEST UNIT READY to a drive without a disc").isNotEmpty();
        JsonNode tur = checks.stream().filter(n -> n.path("cdb").asText().startsWith("00")).findFirst().orElseThrow();
        assertThat(tur.path("sense").asText()).isEqualTo(NO_MEDIUM_TRAY_CLOSED);
        assertThat(live.json().path("mediumPresent").asBoolean(true)).as("2/3A/01 decoded as no medium").isFalse();

        Path scsiOnly = dir.resolve("scsi.jsonl");
        Files.write(scsiOnly, Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).toList());
        CliRunner.Run replay = cli.run("info", "--device", "replay:" + scsiOnly, "--json");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.json().path("mediumPresent").asBoolean(true)).isFalse();
        assertThat(replay.json().path("currentProfile")).isEqualTo(live.json().path("currentProfile"));
    }

    @Test
    void malformedSenseFromTheDriveIsAClearDeviceErrorLiveAndInReplay() throws IOException {
        Path trace = dir.resolve("bad.jsonl");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run live = cli.run("info", "--device", "emu:asus-crw-5224a?fault=badsense@cmd:1", "--json",
                "--trace", trace.toString());
        assertThat(live.exitCode()).as(live.toString()).isEqualTo(3);
        assertThat(live.err()).contains("malformed sense data (response code 0x00, 4 bytes: 00000500)")
                .doesNotContain("Exception").doesNotContain("ILLEGAL REQUEST");
        assertThat(live.json().path("error").path("exitCode").asInt()).isEqualTo(3);
        assertThat(checkConditions(trace)).first().satisfies(n -> assertThat(n.path("sense").asText()).isEqualTo("00000500"));

        Path scsiOnly = dir.resolve("bad-scsi.jsonl");
        Files.write(scsiOnly, Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).toList());
        CliRunner.Run replay = cli.run("info", "--device", "replay:" + scsiOnly);
        assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(3);
        assertThat(replay.err()).contains("malformed sense data (response code 0x00, 4 bytes: 00000500)")
                .doesNotContain("Exception");
    }

    private static List<JsonNode> checkConditions(Path trace) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode n = json.readTree(line);
            if (n.has("cdb") && n.path("status").asInt() == 2) {
                out.add(n);
            }
        }
        return out;
    }
}
