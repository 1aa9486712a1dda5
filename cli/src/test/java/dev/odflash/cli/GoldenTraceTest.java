package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each download profile flashed through the CLI must send exactly the commands and the data the
 * sources give (golden traces written by hand from docs/protocols.md, see resources/golden/README.md).
 * The data each line should carry is worked out here, by this test's own code, from the source's rule
 * and odflash's documented splice (each written out below), never by odflash's encoders.
 */
class GoldenTraceTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path home;
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"btc-drw1008, 0058, btc-drw1008, redumper", "tsst-ts-h353c, SB02, tsst-ts-h353c, redumper",
        "samsung-sd616f, F104, samsung-sd616f, redumper", "samsung-se506cb, TS02, samsung-se506cb, redumper",
        "asus-bw16d1ht, 3.02, asus-bw16d1ht, redumper", "asus-bw16d1ht, 3.02, asus-bw16d1ht-freemkv, freemkv"})
    void theDownloadSendsExactlyTheDocumentedCommandsAndData(String profile, String version, String golden, String variant)
            throws Exception {
        Run run = flash(profile, version, variant);
        List<Golden> expected = golden(golden, new Payloads(run.file(), run.drive()));
        assertMatches(commands(run.trace(), opcodes(expected)), expected);
    }

    /**
     * freemkv streams the file verbatim; odflash keeps the drive's config (0x3000, in chunk 0) and
     * calibration (0x1F0000-0x1FFFFF, chunks 124-127) on purpose. Every other chunk must be the file's.
     */
    @Test
    void freemkvVariantSendsTheFileExceptTheDrivesConfigAndCalibration() throws Exception {
        Run run = flash("asus-bw16d1ht", "3.02", "freemkv");
        List<Cmd> chunks = commands(run.trace(), Set.of("3b")).stream().filter(c -> c.cdb().startsWith("3b06")).toList();
        assertThat(chunks).hasSize(128);
        Set<Integer> differ = new LinkedHashSet<>();
        for (int i = 0; i < 128; i++) {
            if (!chunks.get(i).sha().equals(sha(Arrays.copyOfRange(run.file(), i * 0x4000, (i + 1) * 0x4000)))) {
                differ.add(i);
            }
        }
        assertThat(differ).as("chunks that differ from the file").isSubsetOf(0, 124, 125, 126, 127)
                .contains(124); // the image carries no calibration; this unit's is sent
    }

    record Run(byte[] file, byte[] drive, Path trace) {
    }

    private Run flash(String profile, String version, String variant) throws Exception {
        Path image = dir.resolve(profile + ".bin");
        byte[] file = DownloadFirmware.image(EmulatorProfiles.byName(profile).orElseThrow(), version);
        Files.write(image, file);
        String spec = "emu:" + profile + "?image=" + dir.resolve("flash.bin");
        EmulatedDrives.open(spec, ChipTable.builtIn()).close(); // the drive's flash as it is before the run
        byte[] drive = Files.readAllBytes(dir.resolve("flash.bin"));
        Path trace = dir.resolve("trace.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", spec, image.toString(), "--yes",
                "--without-backup", "--mt19xx-variant", variant, "--trace", trace.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        return new Run(file, drive, trace);
    }

    /** What the sources say each download sends, computed from the file and the drive's flash before the run. */
    record Payloads(byte[] file, byte[] drive) {
        byte[] of(String rule) {
            return switch (rule) {
                case "file" -> file;
                case "btc-header" -> btcHeader();
                case "sd616" -> sd616();
                case "mt19xx-redumper" -> mt19xxRedumper();
                case "mt19xx-freemkv" -> mt19xxFreemkv();
                default -> throw new AssertionError("golden data rule " + rule);
            };
        }

        /** BT: 32 bytes, all zero but bytes 30-31 = the 16-bit sum of every byte of the 1 MiB image, big-endian. */
        private byte[] btcHeader() {
            int sum = 0;
            for (byte b : file) {
                sum = (sum + (b & 0xFF)) & 0xFFFF;
            }
            byte[] h = new byte[32];
            h[30] = (byte) (sum >> 8);
            h[31] = (byte) sum;
            return h;
        }

        /** RD flash_sd616: the 0x20000 file into a zero-filled 0x30000 buffer by the four-row table. */
        private byte[] sd616() {
            byte[] b = new byte[0x30000];
            System.arraycopy(file, 0x00000, b, 0x00000, 0x10000);
            System.arraycopy(file, 0x10000, b, 0x10400, 0x1FC00 - 0x10400);
            System.arraycopy(file, 0x1F800, b, 0x20000, 0x800);
            System.arraycopy(file, 0x10400, b, 0x20800, 0x2FC00 - 0x20800);
            return b;
        }

        /**
         * RD step 4: 0x0000-0xFFFF set to 0xFF, the drive's 0x20-byte config at 0x3000; then odflash's
         * documented splice: the drive's calibration 0x1F0000-0x1FFFFF.
         */
        private byte[] mt19xxRedumper() {
            byte[] b = file.clone();
            Arrays.fill(b, 0, 0x10000, (byte) 0xFF);
            System.arraycopy(drive, 0x3000, b, 0x3000, 0x20);
            System.arraycopy(drive, 0x1F0000, b, 0x1F0000, 0x10000);
            return b;
        }

        /** FM: the file verbatim; then odflash's documented splice: the drive's config and calibration. */
        private byte[] mt19xxFreemkv() {
            byte[] b = file.clone();
            System.arraycopy(drive, 0x3000, b, 0x3000, 0x20);
            System.arraycopy(drive, 0x1F0000, b, 0x1F0000, 0x10000);
            return b;
        }
    }

    /** One command: CDB (hex), data length, SHA-256 of the data sent ("-" when none is sent). */
    record Cmd(String cdb, long len, String sha) {
        @Override
        public String toString() {
            return cdb + "/" + len + "/" + sha;
        }
    }

    /** One expected command, repeated {@code min}..{@code max} times in a row. */
    record Golden(Cmd cmd, int min, int max) {
    }

    /** WRITE BUFFER, READ BUFFER and vendor 0xFF commands of a trace as "cdb/len" (other tests: was anything sent). */
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

    /** The trace's commands with the given opcodes, from its first download command (3B, 3C, FF) on. */
    static List<Cmd> commands(Path trace, Set<String> opcodes) throws IOException {
        List<Cmd> out = new ArrayList<>();
        boolean started = false;
        for (String line : Files.readAllLines(trace)) {
            JsonNode n = new ObjectMapper().readTree(line);
            String cdb = n.path("cdb").asText("");
            if (cdb.length() < 2) {
                continue;
            }
            String op = cdb.substring(0, 2);
            started |= op.equals("3b") || op.equals("3c") || op.equals("ff");
            if (started && opcodes.contains(op)) {
                out.add(new Cmd(cdb, n.path("len").asLong(), n.path("dataOutSha256").asText("-")));
            }
        }
        return out;
    }

    static Set<String> opcodes(List<Golden> expected) {
        Set<String> s = new LinkedHashSet<>();
        expected.forEach(g -> s.add(g.cmd().cdb().substring(0, 2)));
        return s;
    }

    static List<Golden> golden(String name, Payloads payloads) throws IOException {
        List<Golden> out = new ArrayList<>();
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/golden/" + name + ".jsonl")) {
            assertThat(in).as("golden trace " + name).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = new ObjectMapper().readTree(line);
                byte[] cdb = HEX.parseHex(n.path("cdb").asText());
                int len = n.path("len").asInt();
                int times = n.path("times").asInt(1);
                long step = n.path("step").asLong(0);
                byte[] data = n.has("data") ? payloads.of(n.path("data").asText()) : null;
                int at = n.path("at").asInt(0);
                if (n.has("atLeast")) {
                    out.add(new Golden(new Cmd(HEX.formatHex(cdb), len, "-"), n.path("atLeast").asInt(), Integer.MAX_VALUE));
                    continue;
                }
                long base = (cdb[3] & 0xFFL) << 16 | (cdb[4] & 0xFFL) << 8 | cdb[5] & 0xFFL;
                for (int i = 0; i < times; i++) {
                    long off = base + i * step;
                    cdb[3] = (byte) (off >> 16);
                    cdb[4] = (byte) (off >> 8);
                    cdb[5] = (byte) off;
                    String sha = data == null ? "-" : sha(Arrays.copyOfRange(data, at + i * len, at + (i + 1) * len));
                    out.add(new Golden(new Cmd(HEX.formatHex(cdb), len, sha), 1, 1));
                }
            }
        }
        return out;
    }

    /** Each expected command in order, each repeated as often as it may be, and nothing after the last. */
    static void assertMatches(List<Cmd> actual, List<Golden> expected) {
        int pos = 0;
        for (int g = 0; g < expected.size(); g++) {
            Golden e = expected.get(g);
            int n = 0;
            while (n < e.max() && pos < actual.size() && actual.get(pos).equals(e.cmd())) {
                pos++;
                n++;
            }
            if (n < e.min()) {
                throw new AssertionError("expected command " + g + " (golden lines expanded): " + e.cmd()
                        + " (at least " + e.min() + " times), the run sent " + (pos < actual.size() ? actual.get(pos) : "nothing more")
                        + " as its command " + pos + " (after " + n + ")");
            }
        }
        assertThat(actual.subList(pos, actual.size())).as("commands after the last golden line").isEmpty();
    }

    static String sha(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
