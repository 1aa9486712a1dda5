package dev.odflash.chip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.transport.JedecId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Self-check of the built-in chip table (every row) and of the {@link ChipTable} contracts from
 * docs/architecture.md "Contracts" (names and aliases, {@code --chip-db} merging, error messages).
 */
class ChipTableSelfCheckTest {

    /** Every distinct part named in docs/protocols.md §5, one name per row of the table. */
    private static final List<String> PROTOCOLS_SECTION_5 = List.of(
            "SST39SF010A", "SST39SF020A", "SST39SF040",
            "SST39VF010", "SST39VF020", "SST39VF040", "SST39VF080",
            "W29C010", "W29C011A", "W29C020", "W29C040", "W49F002U", "W49F002N",
            "MX29F001T", "MX29F001B", "MX29F002T", "MX29F002B", "MX29F002NT", "MX29F002NB", "MX29LV040",
            "Am29F010", "Am29F002BT", "Am29F002BB", "Am29F002NBT", "Am29F002NBB", "Am29F040",
            "AT29C010A", "AT29C020", "AT49F002", "AT49F002N", "AT49F002T", "AT49F002NT",
            "A29002T", "A29002B", "A29040B",
            "Pm39LV010", "Pm39LV020", "Pm39LV040", "Pm29F002T", "Pm29F002B",
            "EN29F002T", "EN29F002B", "EN29F002AT", "EN29F002NT", "EN29F002ANT", "EN29F002AB", "EN29F002NB", "EN29F002ANB",
            "M29F002T", "M29F002B",
            "MX25L2005", "MX25L4005", "MX25L8005", "MX25L1605",
            "SST25VF040", "SST25VF040B", "SST25VF080B", "SST25VF016B",
            "W25X10", "W25X20", "W25X40", "W25X80", "W25X16",
            "Pm25LV010", "Pm25LV020", "Pm25LV040",
            "EN25F20", "EN25F40", "EN25F80",
            "A25L040");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ChipSpec> chips = ChipTable.builtIn().all();

    @Test
    void tableHasAtLeast35Rows() {
        assertThat(chips).hasSizeGreaterThanOrEqualTo(35);
    }

    @Test
    void everyPartOfProtocolsSection5IsPresent() {
        ChipTable table = ChipTable.builtIn();
        for (String name : PROTOCOLS_SECTION_5) {
            assertThat(table.byName(name)).as("part %s", name).isPresent();
        }
    }

    @Test
    void eachEraserCoversExactlyTheChip() {
        for (ChipSpec c : chips) {
            for (Eraser e : c.erasers()) {
                assertThat(e.coveredBytes()).as("%s eraser %s", c.name(), e.name()).isEqualTo(c.size());
            }
        }
    }

    @Test
    void erasersAreOrderedSmallestBlockFirstInTheParsedRowsAndInTheJson() throws IOException {
        for (ChipSpec c : chips) {
            List<Integer> smallest = c.erasers().stream().map(Eraser::smallestBlock).toList();
            assertThat(smallest).as(c.name()).isSorted();
        }
        // ChipSpec sorts on construction, so also check the resource itself is written in that order.
        for (JsonNode row : rawRows()) {
            List<Integer> smallest = new ArrayList<>();
            for (JsonNode e : row.get("erasers")) {
                int min = Integer.MAX_VALUE;
                for (JsonNode r : e.get("regions")) {
                    min = Math.min(min, r.get("size").asInt());
                }
                smallest.add(min);
            }
            assertThat(smallest).as("json order of %s", row.get("name").asText()).isSorted();
        }
    }

    @Test
    void eraseBlocksAreAlignedOrContiguousBootLayouts() {
        for (ChipSpec c : chips) {
            for (Eraser e : c.erasers()) {
                List<EraseBlock> blocks = e.blocks();
                String what = c.name() + " eraser " + e.name();
                if (e.uniform()) {
                    for (EraseBlock b : blocks) {
                        assertThat(b.offset() % b.size()).as("%s block at %d", what, b.offset()).isZero();
                    }
                } else {
                    // Boot-sector layout: blocks of different sizes, in address order, without gaps.
                    assertThat(blocks.getFirst().offset()).as(what).isZero();
                    for (int i = 1; i < blocks.size(); i++) {
                        assertThat(blocks.get(i).offset()).as("%s block %d", what, i).isEqualTo(blocks.get(i - 1).end());
                    }
                    assertThat(blocks.getLast().end()).as(what).isEqualTo(c.size());
                }
            }
        }
    }

    @Test
    void jedecIdsAreUnique() {
        Map<JedecId, String> seen = new HashMap<>();
        for (ChipSpec c : chips) {
            String before = seen.put(c.id(), c.name());
            assertThat(before).as("ID %s of %s already used by %s", c.id(), c.name(), before).isNull();
        }
    }

    @Test
    void namesAndAliasesAreUniqueCaseInsensitively() {
        Set<String> seen = new HashSet<>();
        for (ChipSpec c : chips) {
            List<String> names = new ArrayList<>(c.aliases());
            names.addFirst(c.name());
            for (String n : names) {
                assertThat(seen.add(n.toLowerCase(Locale.ROOT))).as("name %s (row %s) is used twice", n, c.name()).isTrue();
            }
        }
    }

    @Test
    void timingsArePositiveWithMaximumAtLeastTypical() {
        for (ChipSpec c : chips) {
            List<Timing> timings = new ArrayList<>();
            timings.add(c.programTime());
            c.erasers().forEach(e -> timings.add(e.time()));
            for (Timing t : timings) {
                assertThat(t.typicalMicros()).as(c.name()).isPositive();
                assertThat(t.maximumMicros()).as(c.name()).isGreaterThanOrEqualTo(t.typicalMicros());
            }
            assertThat(c.readAccessNs()).as(c.name()).isPositive();
        }
    }

    @Test
    void pageSizesDivideTheChip() {
        for (ChipSpec c : chips) {
            int unit = c.writeModel().programUnit();
            assertThat(c.size() % unit).as("%s %s", c.name(), c.writeModel().word()).isZero();
        }
    }

    @Test
    void everyChipCanBeErasedWhole() {
        for (ChipSpec c : chips) {
            boolean uniformWhole = c.erasers().stream().anyMatch(e -> e.uniform() && e.coveredBytes() == c.size());
            assertThat(c.chipEraser().isPresent() || uniformWhole).as(c.name()).isTrue();
        }
    }

    @Test
    void sizesArePowersOfTwo() {
        for (ChipSpec c : chips) {
            assertThat(Long.bitCount(c.size())).as("%s size %d", c.name(), c.size()).isEqualTo(1);
        }
    }

    @Test
    void everyRowCitesItsSourceAndHasAKnownTestState() {
        for (ChipSpec c : chips) {
            assertThat(c.source()).as(c.name()).isNotBlank();
            assertThat(c.vendor()).as(c.name()).isNotBlank();
            assertThat(c.tested()).as(c.name()).isIn("untested", "emulated", "hardware");
            if (c.timingInferred()) {
                assertThat(c.source()).as(c.name()).contains("inference");
            }
        }
    }

    @Test
    void bootBlocksLieInsideTheChip() {
        for (ChipSpec c : chips) {
            c.bootBlock().ifPresent(b -> {
                assertThat(b.offset()).as(c.name()).isNotNegative();
                assertThat(b.offset() + b.size()).as(c.name()).isLessThanOrEqualTo(c.size());
                assertThat(b.offset() % b.size()).as(c.name()).isZero();
            });
        }
    }

    @Test
    void parsedRowsMatchTheResourceRowForRow() throws IOException {
        // Guards against a field the parser silently defaults (e.g. a misspelt "readAccessNs").
        List<JsonNode> raw = rawRows();
        assertThat(raw).hasSameSizeAs(chips);
        for (int i = 0; i < raw.size(); i++) {
            JsonNode row = raw.get(i);
            ChipSpec c = chips.get(i);
            assertThat(c.name()).isEqualTo(row.get("name").asText());
            assertThat(row.has("readAccessNs")).as(c.name()).isTrue();
            assertThat(row.has("timingInferred")).as(c.name()).isTrue();
            assertThat(row.has("tested")).as(c.name()).isTrue();
            assertThat(c.id().manufacturerHex()).as(c.name()).isEqualTo(row.get("manufacturerId").asText());
            assertThat(c.id().deviceHex()).as(c.name()).isEqualTo(row.get("deviceId").asText());
        }
    }

    @Test
    void theEmulatedDefaultChipMatchesTheContract() {
        ChipSpec c = ChipTable.builtIn().byName("SST39SF040").orElseThrow();
        assertThat(c.size()).isEqualTo(512 * 1024);
        assertThat(c.smallestEraser().smallestBlock()).isEqualTo(4096);
        assertThat(c.writeModel()).isInstanceOf(WriteModel.Byte.class);
        assertThat(c.tested()).isEqualTo("emulated");
        assertThat(chips.stream().filter(x -> !x.name().equals("SST39SF040")).map(ChipSpec::tested)).containsOnly("untested");
    }

    @Test
    void aFourByteAddressPartIsNamedButRefusedAndEveryOtherRowIsHandled() {
        ChipTable table = ChipTable.builtIn();
        ChipSpec w25q256 = table.byId(new JedecId(0xEF, 0x4019)).orElseThrow();
        assertThat(w25q256.name()).isEqualTo("W25Q256FV");
        assertThat(w25q256.size()).isEqualTo(32L << 20);
        assertThat(w25q256.refusal()).get().asString().contains("W25Q256FV").contains("32 MiB").contains("4 bytes");
        for (ChipSpec c : chips) {
            assertThat(c.refusal().isPresent()).as(c.name()).isEqualTo(c.size() > 16L << 20);
        }
        assertThat(table.byName("W25Q128FV").orElseThrow().refusal()).isEmpty();
    }

    @Test
    void theRowsOfTheDummyProgrammersPartsCarryLibflashromsNames() {
        // what libflashrom 1.3 reports for emulate=M25P10.RES and emulate=S25FL128L (flashrom -V), and W25Q256FV
        ChipTable table = ChipTable.builtIn();
        assertThat(table.byFlashromName("M25P10")).map(ChipSpec::name).contains("M25P10");
        assertThat(table.byFlashromName("S25FL128L")).map(ChipSpec::name).contains("S25FL128L");
        assertThat(table.byFlashromName("W25Q256FV")).map(ChipSpec::name).contains("W25Q256FV");
        assertThat(table.byName("M25P10").orElseThrow().size()).isEqualTo(128 * 1024);
        assertThat(table.byId(new JedecId(0x01, 0x6018))).map(ChipSpec::name).contains("S25FL128L");
    }

    // --- ChipTable

    @Test
    void byNameMatchesNamesAndAliasesCaseInsensitively() {
        ChipTable table = ChipTable.builtIn();
        assertThat(table.byName("sst39sf040a")).map(ChipSpec::name).contains("SST39SF040");
        assertThat(table.byName("w29c011a")).map(ChipSpec::name).contains("W29C010");
        assertThat(table.byName("MX25L2005")).map(ChipSpec::name).contains("MX25L2005");
        assertThat(table.byName("no-such-chip")).isEmpty();
        assertThat(table.byId(new JedecId(0x7F1C, 0x7F92))).map(ChipSpec::name).contains("EN29F002T");
    }

    @Test
    void userRowsAreAddedAndReplaceBuiltInRowsWithTheSameIds(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("my-chips.json");
        Files.writeString(db, """
                {"format": "odflash-chips/1", "chips": [
                  %s,
                  %s
                ]}
                """.formatted(
                userRow("MYSST", "0xBF", "0xB7", 524288),
                userRow("NEWPART", "0x99", "0x2016", 4 * 1024 * 1024)));
        ChipTable builtIn = ChipTable.builtIn();
        ChipTable merged = builtIn.withUserRows(db);

        assertThat(merged.all()).hasSize(builtIn.all().size() + 1);
        assertThat(merged.byId(new JedecId(0xBF, 0xB7))).map(ChipSpec::name).contains("MYSST");
        assertThat(merged.byName("SST39SF040")).isEmpty();
        assertThat(merged.byName("mysst")).isPresent();
        assertThat(merged.byName("NEWPART")).map(ChipSpec::size).contains(4L * 1024 * 1024);
        assertThat(merged.byName("W29C040")).isPresent();
        assertThat(builtIn.byName("SST39SF040")).isPresent();
    }

    @Test
    void malformedUserRowGivesAnIoExceptionNamingRowAndField(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("bad.json");
        String good = userRow("GOODPART", "0x98", "0x01", 131072);
        String bad = userRow("BROKENPART", "0x98", "0x02", 131072).replaceFirst("\"size\": 131072, ", "");
        Files.writeString(db, "{\"chips\": [" + good + ", " + bad + "]}");

        assertThatThrownBy(() -> ChipTable.builtIn().withUserRows(db))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("chips[1]")
                .hasMessageContaining("BROKENPART")
                .hasMessageContaining("\"size\"");
    }

    @Test
    void badWriteModelInAUserRowIsReported(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("bad-model.json");
        Files.writeString(db, "{\"chips\": [" + userRow("ODDPAGE", "0x98", "0x03", 131072).replace("\"byte\"", "\"page:100\"") + "]}");

        assertThatThrownBy(() -> ChipTable.builtIn().withUserRows(db))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("chips[0]")
                .hasMessageContaining("ODDPAGE")
                .hasMessageContaining("page:100");
    }

    private static String userRow(String name, String mid, String did, int size) {
        return """
                {"name": "%s", "aliases": [], "vendor": "Test", "bus": "parallel", \
                "manufacturerId": "%s", "deviceId": "%s", "size": %d, "voltage": "5 V", \
                "writeModel": "byte", "programTime": {"typUs": 20, "maxUs": 20}, \
                "erasers": [{"name": "chip", "regions": [{"size": %d, "count": 1}], "time": {"typUs": 100000, "maxUs": 100000}}], \
                "timingInferred": true, "tested": "untested", "source": "test row (inference)"}""".formatted(name, mid, did, size, size);
    }

    private static List<JsonNode> rawRows() throws IOException {
        try (InputStream in = ChipTable.class.getResourceAsStream(ChipTable.RESOURCE)) {
            assertThat(in).isNotNull();
            List<JsonNode> rows = new ArrayList<>();
            JSON.readTree(in).get("chips").forEach(rows::add);
            return rows;
        }
    }
}
