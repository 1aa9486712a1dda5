package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §5: every --chip-db row is validated before use, and an error names the row and the field (exit 2); a
 * row that replaces a built-in part by its JEDEC IDs under another name works as the README says.
 */
class ChipDbValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** The built-in SST39SF040 row (the emulated ASUS drive's part), as `chips --json` prints it. */
    private ObjectNode sst040() throws IOException {
        CliRunner.Run r = new CliRunner(home).run("chips", "--json", "SST39SF040");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        for (JsonNode c : r.json().path("chips")) {
            if (c.path("name").asText().equals("SST39SF040")) {
                return (ObjectNode) c.deepCopy();
            }
        }
        throw new AssertionError("no SST39SF040 in " + r.out());
    }

    private Path db(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "chips", ".json"), text);
    }

    private Path db(ObjectNode... rows) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode a = root.putArray("chips");
        for (ObjectNode r : rows) {
            a.add(r);
        }
        return db(JSON.writeValueAsString(root));
    }

    /** A renamed SST39SF040 with other IDs, changed by {@code edit}. */
    private ObjectNode row(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode r = sst040();
        r.put("name", "TESTPART").putArray("aliases");
        r.put("deviceId", "0x77");
        edit.accept(r);
        return r;
    }

    private void refused(Path db, String... words) {
        CliRunner.Run r = new CliRunner(home).run("--chip-db", db.toString(), "info", "--device", "emu:asus-crw-5224a");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains(words).doesNotContain("Exception").doesNotContain("internal error");
    }

    @Test
    void anInfiniteOrNonPositiveTimingIsRefusedWithRowAndField() throws IOException {
        String text = JSON.writeValueAsString(JSON.createObjectNode().set("chips", JSON.createArrayNode().add(row(r -> { }))));
        refused(db(text.replaceFirst("\"maxUs\":[0-9.]+", "\"maxUs\":1e999")), "chips[0] TESTPART", "programTime.maxUs");
        refused(db(row(r -> ((ObjectNode) r.get("programTime")).put("typUs", 0))), "chips[0] TESTPART", "programTime.typUs");
        refused(db(row(r -> ((ObjectNode) r.get("erasers").get(0).get("time")).put("typUs", -5))),
                "chips[0] TESTPART", "erasers[0].time.typUs");
        refused(db(row(r -> ((ObjectNode) r.get("programTime")).put("maxUs", "fast"))), "programTime.maxUs");
    }

    @Test
    void sizesRegionsAndBlockCountsAreChecked() throws IOException {
        refused(db(row(r -> r.put("size", 0))), "chips[0] TESTPART", "\"size\"");
        refused(db(row(r -> r.put("size", 1L << 40))), "\"size\"");
        refused(db(row(r -> r.put("size", 2.5))), "\"size\"");
        // regions that do not sum to the size (half the chip)
        refused(db(row(r -> ((ObjectNode) r.get("erasers").get(0).get("regions").get(0)).put("count", 64))),
                "erasers[0].regions", "cover");
        // a block count no part has (the planner would allocate a block per count)
        refused(db(row(r -> ((ObjectNode) r.get("erasers").get(0).get("regions").get(0)).put("size", 1).put("count", 524288))),
                "erasers[0].regions[0].count");
        refused(db(row(r -> r.putArray("erasers"))), "\"erasers\" is empty");
    }

    @Test
    void aBootBlockOutsideTheChipIsRefused() throws IOException {
        refused(db(row(r -> r.putObject("bootBlock").put("offset", 0x7C000).put("size", 0x8000))), "bootBlock.size");
        refused(db(row(r -> r.putObject("bootBlock").put("offset", -1).put("size", 0x4000))), "bootBlock.offset");
    }

    @Test
    void duplicateNamesOrIdsInOneFileAreRefused() throws IOException {
        refused(db(row(r -> { }), row(r -> r.put("deviceId", "0x78"))), "chips[1] TESTPART", "is already a name of chips[0]");
        refused(db(row(r -> { }), row(r -> r.put("name", "OTHER"))), "chips[1] OTHER", "is already the ID of chips[0]");
        refused(db(row(r -> r.putArray("aliases").add("testpart"))), "chips[0] TESTPART", "already a name");
    }

    @Test
    void malformedJsonAndWrongTypesAreUsageErrors() throws IOException {
        refused(db("{\"chips\": [ {\"name\": "), "not JSON");
        refused(db(row(r -> r.put("manufacturerId", "0xZZ"))), "manufacturerId");
        refused(db(row(r -> r.put("bus", "usb"))), "\"bus\"");
        refused(db(row(r -> r.put("writeModel", "page:3"))), "writeModel");
    }

    @Test
    void aRowReplacingABuiltInPartByItsIdsUnderAnotherNameWorks() throws IOException {
        ObjectNode mine = sst040();
        mine.put("name", "MY-SST040").putArray("aliases");
        Path db = db(mine);
        CliRunner cli = new CliRunner(home);
        CliRunner.Run info = cli.run("--chip-db", db.toString(), "info", "--device", "emu:asus-crw-5224a", "--json");
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.json().toString()).contains("MY-SST040");
        Path fw = dir.resolve("fw.bin");
        assertThat(cli.run("--chip-db", db.toString(), "emu", "firmware", "--profile", "asus-crw-5224a", "--version",
                "1.20", "-o", fw.toString()).exitCode()).isZero();
        Path flash = dir.resolve("flash.bin");
        CliRunner.Run f = cli.run("--chip-db", db.toString(), "flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                fw.toString(), "--yes");
        assertThat(f.exitCode()).as(f.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(Files.readAllBytes(fw));
    }
}
