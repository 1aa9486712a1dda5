package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** `odflash report`: one archive, never overwritten, serials and the home directory redacted, nothing written. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock AT = Clock.fixed(Instant.parse("2026-12-02T06:30:05Z"), ZoneOffset.UTC);
    /** The emulated BW-16D1HT unit "A" reports a serial (GET CONFIGURATION 0x0108 and VPD 0x80). */
    private static final String UNIT = "emu:asus-bw16d1ht?unit=A";
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void theArchiveHoldsVersionsBothResultsBothTracesLimitsAndLogsAndNoSerial() throws IOException {
        Path image = home.resolve("drive.bin"); // inside HOME: its path must come out as ~/drive.bin
        CliRunner cli = new CliRunner(home);
        assertThat(cli.run("info", "--device", UNIT + "&image=" + image).exitCode()).isZero(); // a run log to carry
        String serial = serialOf(UNIT + "&image=" + image);
        byte[] before = Files.readAllBytes(image);

        CliRunner.Run r = cli.run(AT, "report", "--device", UNIT + "&image=" + image, "-o", dir.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path zip = dir.resolve("odflash-report-ASUS_BW-16D1HT-20261202T063005Z.zip");
        assertThat(r.json().path("report").asText()).isEqualTo(zip.toString());
        Map<String, String> files = unzip(zip);
        assertThat(files).containsKeys("README.txt", "versions.json", "info.json", "doctor.json", "trace-info.jsonl",
                "trace-doctor.jsonl", "limits.json", "command.json");
        assertThat(files.keySet()).anyMatch(n -> n.startsWith("logs/") && n.endsWith(".log"));
        assertThat(JSON.readTree(files.get("versions.json")).path("java").asText()).isEqualTo(Runtime.version().toString());
        assertThat(JSON.readTree(files.get("info.json")).path("inquiry").path("product").asText()).isEqualTo("BW-16D1HT");
        assertThat(JSON.readTree(files.get("limits.json")).path("maxTransfer").asLong()).isPositive();
        assertThat(files.get("trace-info.jsonl").lines().findFirst().orElseThrow()).contains("\"header\"");

        // the serial is gone everywhere, in text and inside the traced answers (hex of its ASCII bytes)
        String serialHex = HexFormat.of().formatHex(serial.getBytes(StandardCharsets.US_ASCII));
        files.forEach((name, text) -> {
            assertThat(text).as(name).doesNotContain(serial).doesNotContain(serialHex).doesNotContain(home.toString());
        });
        assertThat(r.json().path("serialsRedacted").asInt()).isPositive();
        assertThat(files.get("info.json")).contains("~/drive.bin");
        // reads only, and the drive's flash is as it was
        for (String t : List.of("trace-info.jsonl", "trace-doctor.jsonl")) {
            files.get(t).lines().filter(l -> l.contains("\"cdb\"")).forEach(l ->
                    assertThat(l).as(t).doesNotContain("\"dir\":\"out\""));
        }
        assertThat(Files.readAllBytes(image)).isEqualTo(before);

        // the redacted trace still replays (payload lengths are kept)
        Path replay = dir.resolve("info.jsonl");
        Files.writeString(replay, files.get("trace-info.jsonl"));
        CliRunner.Run again = new CliRunner(dir.resolve("h2")).run("info", "--device", "replay:" + replay, "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.json().path("inquiry")).isEqualTo(JSON.readTree(files.get("info.json")).path("inquiry"));
    }

    @Test
    void noRedactKeepsTheSerial() throws IOException {
        String serial = serialOf(UNIT);
        CliRunner.Run r = new CliRunner(home).run(AT, "report", "--device", UNIT, "-o", dir.resolve("r.zip").toString(),
                "--no-redact");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("nothing redacted");
        assertThat(unzip(dir.resolve("r.zip")).get("trace-info.jsonl"))
                .contains(HexFormat.of().formatHex(serial.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anExistingFileOrLinkIsNeverOverwrittenAndTheDefaultNameGetsANumber() throws IOException {
        Path taken = Files.writeString(dir.resolve("taken.zip"), "mine");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run r = cli.run("report", "--device", UNIT, "-o", taken.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(Files.readString(taken)).isEqualTo("mine");
        Path victim = Files.writeString(dir.resolve("victim"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), victim);
        assertThat(cli.run("report", "--device", UNIT, "-o", link.toString()).exitCode()).isEqualTo(4);
        assertThat(Files.readString(victim)).isEqualTo("keep");

        Path first = dir.resolve("odflash-report-ASUS_BW-16D1HT-20261202T063005Z.zip");
        Files.createSymbolicLink(first, victim); // a planted link at the default name is skipped, not followed
        CliRunner.Run second = cli.run(AT, "report", "--device", UNIT, "-o", dir.toString(), "--json");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.json().path("report").asText()).endsWith("-20261202T063005Z-2.zip");
        assertThat(Files.readString(victim)).isEqualTo("keep");
        assertThat(cli.run("report", "--device", UNIT, "-o", dir.resolve("none/x.zip").toString()).exitCode()).isEqualTo(2);
        // the archive holds its own traces: a --trace of the report run is refused, not silently dropped
        CliRunner.Run traced = cli.run("report", "--device", UNIT, "-o", dir.resolve("t.zip").toString(), "--trace",
                dir.resolve("t.jsonl").toString());
        assertThat(traced.exitCode()).isEqualTo(2);
        assertThat(traced.err()).contains("--trace is not taken");
        assertThat(dir.resolve("t.zip")).doesNotExist();
        assertThat(dir.resolve("t.jsonl")).doesNotExist();
    }

    @Test
    void aDriveThatCannotBeOpenedStillGivesAReportSayingSo() throws IOException {
        CliRunner.Run r = new CliRunner(home).run(AT, "report", "--device", "/dev/sr42", "-o", dir.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("infoExitCode").asInt()).isEqualTo(3);
        Map<String, String> files = unzip(Path.of(r.json().path("report").asText()));
        assertThat(r.json().path("report").asText()).contains("odflash-report-unknown_unknown-");
        assertThat(files.get("info.stderr.txt")).contains("no such device: /dev/sr42");
        assertThat(JSON.readTree(files.get("limits.json")).path("known").asBoolean()).isFalse();
        assertThat(r.err()).doesNotContain("send `"); // the report does not ask for itself
    }

    private String serialOf(String spec) throws IOException {
        Path t = dir.resolve("serial-" + System.nanoTime() + ".jsonl");
        new CliRunner(dir.resolve("serial-home")).run("info", "--device", spec, "--trace", t.toString());
        for (String line : Files.readAllLines(t)) {
            JsonNode n = JSON.readTree(line);
            String cdb = n.path("cdb").asText("");
            if (cdb.startsWith("120180")) { // INQUIRY EVPD page 0x80: bytes 4.. are the serial (SPC-4)
                byte[] data = HexFormat.of().parseHex(n.path("dataIn").asText());
                return new String(data, 4, data[3] & 0xFF, StandardCharsets.US_ASCII).strip();
            }
            if (cdb.startsWith("46")) { // GET CONFIGURATION: walk the descriptors to feature 0x0108 (MMC-6)
                byte[] d = HexFormat.of().parseHex(n.path("dataIn").asText());
                for (int p = 8; p + 4 <= d.length; p += 4 + (d[p + 3] & 0xFF)) {
                    if (((d[p] & 0xFF) << 8 | d[p + 1] & 0xFF) == 0x0108) {
                        return new String(d, p + 4, d[p + 3] & 0xFF, StandardCharsets.US_ASCII).strip();
                    }
                }
            }
        }
        throw new AssertionError("the unit reports no serial");
    }

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                out.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
