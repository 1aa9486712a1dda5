package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** chips, emu profiles, emu firmware, identify, list and demo through the CLI. */
class FileCommandsTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void emuProfilesFollowsTheContract() {
        CliRunner.Run r = new CliRunner(home).run("emu", "profiles", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode p = r.json().path("profiles").get(0);
        assertThat(p.path("name").asText()).isEqualTo("asus-crw-5224a");
        assertThat(p.path("family").asText()).isEqualTo("mtk8051");
        assertThat(p.path("layout").asText()).isEqualTo("mtk8051");
        assertThat(p.path("chip").asText()).isEqualTo("SST39SF040");
        assertThat(p.path("versions").toString()).isEqualTo("[\"1.00\",\"1.10\",\"1.20\",\"1.35\"]");
    }

    @Test
    void emuFirmwareWritesAnIdentifiableImageAndNeverOverwrites() throws IOException {
        Path f = dir.resolve("fw.bin");
        CliRunner cli = new CliRunner(home);
        assertThat(cli.run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.35", "-o", f.toString())
                .exitCode()).isZero();
        assertThat(Files.size(f)).isEqualTo(512 * 1024);
        CliRunner.Run id = cli.run("identify", f.toString(), "--json");
        assertThat(id.exitCode()).as(id.toString()).isZero();
        assertThat(id.json().path("layout").asText()).isEqualTo("mtk8051");
        assertThat(id.json().path("identity").path("revision").asText()).isEqualTo("1.35");
        assertThat(id.json().path("identity").path("product").asText()).isEqualTo("CRW-5224A");
        byte[] before = Files.readAllBytes(f);
        assertThat(cli.run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.00", "-o", f.toString())
                .exitCode()).isEqualTo(4);
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    void emuFirmwareSizesForANamedChipAndRefusesBadArguments() throws IOException {
        CliRunner cli = new CliRunner(home);
        Path small = dir.resolve("small.bin");
        assertThat(cli.run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10", "--chip", "SST39SF010A",
                "-o", small.toString()).exitCode()).isZero();
        assertThat(Files.size(small)).isEqualTo(128 * 1024);
        assertThat(cli.run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "9.99", "-o",
                dir.resolve("x.bin").toString()).exitCode()).isEqualTo(2);
        assertThat(cli.run("emu", "firmware", "--profile", "nope", "--version", "1.10", "-o",
                dir.resolve("x.bin").toString()).exitCode()).isEqualTo(2);
        assertThat(cli.run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10", "--chip", "MX25L1605",
                "-o", dir.resolve("x.bin").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void identifyRefusesWhatIsNotFirmwareAndRejectsMissingFiles() throws IOException {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[300_000]);
        CliRunner cli = new CliRunner(home);
        CliRunner.Run r = cli.run("identify", junk.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.out()).contains("refuse");
        assertThat(cli.run("identify", dir.resolve("missing.bin").toString()).exitCode()).isEqualTo(2);
    }

    /** The tests run in cli/; the built-in chip table is core's resource, read here on its own. */
    private static final Path CHIP_TABLE = Path.of(Files.isDirectory(Path.of("../core")) ? "../core" : "core",
            "src/main/resources/dev/odflash/chip/chips.json");

    @Test
    void chipsListsTheTableAndFilters() throws IOException {
        CliRunner cli = new CliRunner(home);
        CliRunner.Run all = cli.run("chips", "--json");
        JsonNode table = Output.mapper().readTree(Files.readString(CHIP_TABLE)).path("chips");
        assertThat(table.size()).as("the resource was read").isPositive();
        // every row of the table, in its order, and nothing else
        assertThat(names(all.json().path("chips"))).hasSize(table.size()).isEqualTo(names(table));
        assertThat(cli.run("chips").out()).contains("\n" + table.size() + " chips\n");
        JsonNode sst = row(all.json().path("chips"), "SST39SF040");
        assertThat(sst.path("manufacturerId").asText()).isEqualTo("0xBF");
        assertThat(sst.path("deviceId").asText()).isEqualTo("0xB7");
        assertThat(sst.path("size").asLong()).isEqualTo(524288);
        assertThat(sst.path("writeModel").asText()).isEqualTo("byte");
        assertThat(sst.path("aliases").toString()).isEqualTo("[\"SST39SF040A\"]");
        assertThat(row(all.json().path("chips"), "MX25L2005").path("writeModel").asText()).isEqualTo("page:256");
        CliRunner.Run spi = cli.run("chips", "spi");
        assertThat(spi.out()).contains("MX25L2005").doesNotContain("SST39SF040 ");
        CliRunner.Run none = cli.run("chips", "no-such-part");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("0 chips");
    }

    private static java.util.List<String> names(JsonNode chips) {
        java.util.List<String> out = new java.util.ArrayList<>();
        chips.forEach(c -> out.add(c.path("name").asText()));
        return out;
    }

    private static JsonNode row(JsonNode chips, String name) {
        for (JsonNode c : chips) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no row " + name + " in " + chips.size() + " chips");
    }

    @Test
    void missingChipDbIsAUsageError() {
        CliRunner.Run r = new CliRunner(home).run("chips", "--chip-db", dir.resolve("none.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void listShowsTheEmulatedDrives() {
        CliRunner.Run r = new CliRunner(home).run("list", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("emulated").get(0).path("device").asText()).isEqualTo("emu:asus-crw-5224a");
        assertThat(r.json().path("drives").isArray()).isTrue();
    }

    @Test
    void demoRunsEveryStep() {
        Path work = dir.resolve("demo");
        CliRunner.Run r = new CliRunner(home).run("demo", "--dir", work.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("== 1.").contains("== 4.").contains("Verdict: structure valid").contains("Done.");
        assertThat(Files.exists(work.resolve("crw-5224a-backup.bin.json"))).isTrue();
        CliRunner.Run again = new CliRunner(home).run("demo", "--dir", work.toString());
        assertThat(again.exitCode()).isEqualTo(4);
    }

    @Test
    void demoWithJsonPrintsOneDocument() {
        CliRunner.Run r = new CliRunner(home).run("demo", "--dir", dir.resolve("d2").toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("steps").size()).isEqualTo(4);
    }
}
