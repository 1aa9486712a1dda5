package dev.odflash.chip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.bytes.Hex;
import dev.odflash.transport.JedecId;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the chip table's JSON format: the built-in resource and a user's
 * {@code --chip-db FILE} share it. Errors name the row and the field.
 */
public final class ChipTableFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChipTableFormat() {
    }

    public static List<ChipSpec> read(InputStream in, String origin) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.path("chips").isArray()) {
            throw new IOException(origin + ": expected an object with a \"chips\" array");
        }
        List<ChipSpec> out = new ArrayList<>();
        int index = 0;
        for (JsonNode row : root.get("chips")) {
            String where = origin + " chips[" + index++ + "] " + row.path("name").asText("?");
            try {
                out.add(parse(row));
            } catch (RuntimeException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static ChipSpec parse(JsonNode row) {
        List<String> aliases = new ArrayList<>();
        row.path("aliases").forEach(a -> aliases.add(a.asText()));
        List<Eraser> erasers = new ArrayList<>();
        for (JsonNode e : required(row, "erasers")) {
            List<EraseRegion> regions = new ArrayList<>();
            for (JsonNode r : required(e, "regions")) {
                regions.add(new EraseRegion(required(r, "size").asInt(), required(r, "count").asInt()));
            }
            erasers.add(new Eraser(required(e, "name").asText(), regions, timing(required(e, "time"))));
        }
        Optional<BootBlock> boot = row.hasNonNull("bootBlock")
                ? Optional.of(new BootBlock(required(row.get("bootBlock"), "offset").asLong(),
                required(row.get("bootBlock"), "size").asInt()))
                : Optional.empty();
        return new ChipSpec(
                required(row, "name").asText(), aliases, required(row, "vendor").asText(),
                Bus.valueOf(required(row, "bus").asText().toUpperCase(java.util.Locale.ROOT)),
                new JedecId(Hex.parseId(required(row, "manufacturerId").asText()),
                        Hex.parseId(required(row, "deviceId").asText())),
                required(row, "size").asLong(), row.path("voltage").asText(""),
                WriteModel.parse(required(row, "writeModel").asText()),
                timing(required(row, "programTime")), erasers,
                row.path("readAccessNs").asDouble(70), boot,
                // a row that does not say where its timings come from is treated as inferred, never as datasheet fact
                row.path("timingInferred").asBoolean(true),
                row.path("tested").asText("untested"), required(row, "source").asText());
    }

    private static Timing timing(JsonNode t) {
        return new Timing(required(t, "typUs").asDouble(), required(t, "maxUs").asDouble());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        return v;
    }

    /** One chip as JSON in the table's format (for `chips --json` and for users writing a --chip-db). */
    public static ObjectNode toJson(ChipSpec c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", c.name());
        ArrayNode aliases = o.putArray("aliases");
        c.aliases().forEach(aliases::add);
        o.put("vendor", c.vendor());
        o.put("bus", c.bus().word());
        o.put("manufacturerId", c.id().manufacturerHex());
        o.put("deviceId", c.id().deviceHex());
        o.put("size", c.size());
        o.put("voltage", c.voltage());
        o.put("writeModel", c.writeModel().word());
        o.set("programTime", timingJson(c.programTime()));
        ArrayNode erasers = o.putArray("erasers");
        for (Eraser e : c.erasers()) {
            ObjectNode en = erasers.addObject();
            en.put("name", e.name());
            ArrayNode regions = en.putArray("regions");
            e.regions().forEach(r -> regions.addObject().put("size", r.size()).put("count", r.count()));
            en.set("time", timingJson(e.time()));
        }
        o.put("readAccessNs", c.readAccessNs());
        c.bootBlock().ifPresent(b -> o.putObject("bootBlock").put("offset", b.offset()).put("size", b.size()));
        o.put("timingInferred", c.timingInferred());
        o.put("tested", c.tested());
        o.put("source", c.source());
        return o;
    }

    private static ObjectNode timingJson(Timing t) {
        return JSON.createObjectNode().put("typUs", t.typicalMicros()).put("maxUs", t.maximumMicros());
    }
}
