package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each download profile flashed through the CLI must send exactly the download commands the sources
 * give (golden traces written by hand from docs/protocols.md, see resources/golden/README.md).
 */
class GoldenTraceTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"btc-drw1008, 0058, btc-drw1008, redumper", "tsst-ts-h353c, SB02, tsst-ts-h353c, redumper",
        "samsung-sd616f, F104, samsung-sd616f, redumper", "samsung-se506cb, TS02, samsung-se506cb, redumper",
        "asus-bw16d1ht, 3.02, asus-bw16d1ht, redumper", "asus-bw16d1ht, 3.02, asus-bw16d1ht-freemkv, freemkv"})
    void theDownloadSendsExactlyTheDocumentedCommands(String profile, String version, String golden, String variant)
            throws IOException {
        Path image = dir.resolve(profile + ".bin");
        Files.write(image, DownloadFirmware.image(EmulatorProfiles.byName(profile).orElseThrow(), version));
        Path trace = dir.resolve("trace.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:" + profile + "?image=" + dir.resolve("flash.bin"),
                image.toString(), "--yes", "--without-backup", "--mt19xx-variant", variant, "--trace", trace.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(downloadCommands(trace)).isEqualTo(expected(golden));
    }

    /** WRITE BUFFER, READ BUFFER and vendor 0xFF commands of a trace as "cdb/len". */
    static List<String> downloadCommands(Path trace) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode n = new ObjectMapper().readTree(line);
            String cdb = n.path("cdb").asText("");
            if (cdb.startsWith("3b") || cdb.startsWith("3c") || cdb.startsWith("ff")) {
                out.add(cdb + "/" + n.path("len").asLong());
            }
        }
        return out;
    }

    static List<String> expected(String golden) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/golden/" + golden + ".jsonl")) {
            assertThat(in).as("golden trace " + golden).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = new ObjectMapper().readTree(line);
                byte[] cdb = HexFormat.of().parseHex(n.path("cdb").asText());
                int times = n.path("times").asInt(1);
                long step = n.path("step").asLong(0);
                long base = (cdb[3] & 0xFFL) << 16 | (cdb[4] & 0xFFL) << 8 | cdb[5] & 0xFFL;
                for (int i = 0; i < times; i++) {
                    long off = base + i * step;
                    cdb[3] = (byte) (off >> 16);
                    cdb[4] = (byte) (off >> 8);
                    cdb[5] = (byte) off;
                    out.add(HexFormat.of().formatHex(cdb) + "/" + n.path("len").asLong());
                }
            }
        }
        return out;
    }
}
