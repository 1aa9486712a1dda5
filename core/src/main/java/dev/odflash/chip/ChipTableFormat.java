package dev.odflash.chip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.bytes.Hex;
import dev.odflash.bytes.ResourceJson;
import dev.odflash.transport.JedecId;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the chip table's JSON format: the built-in resource and a user's
 * {@code --chip-db FILE} share it. Errors name the row and the field.
 */
public final class ChipTableFormat {
    /** Made on first use: the built-in table is read without it (ResourceJson), most runs read no user file. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private ChipTableFormat() {
    }

    /**
     * The largest part a row may describe: 32 MiB, so a 4-byte-address part (W25Q256FV) is named when it answers;
     * odflash itself handles at most ChipSpec.LARGEST_HANDLED and refuses a larger part (ChipSpec.refusal).
     */
    public static final long MAX_SIZE = 32L << 20;
    /** At most this many erase blocks per eraser (a 16 MiB part in 256-byte pages is 65,536). */
    public static final int MAX_BLOCKS = 65_536;
    /** No datasheet time per operation is longer than this (a chip erase takes seconds, not hours). */
    public static final double MAX_MICROS = 1e9;
    private static final double MAX_READ_ACCESS_NS = 1e6;

    public static List<ChipSpec> read(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = Mapper.JSON.readTree(in);
        } catch (IOException e) {
            throw new IOException(origin + ": not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        return rows(root, origin);
    }

    /** The built-in resource's rows: the same checks, the tree read by {@link ResourceJson} (start-up, issue 18). */
    public static List<ChipSpec> readResource(InputStream in, String origin) throws IOException {
        return rows(ResourceJson.read(in), origin);
    }

    private static List<ChipSpec> rows(JsonNode root, String origin) throws IOException {
        if (root == null || !root.path("chips").isArray()) {
            throw new IOException(origin + ": expected an object with a \"chips\" array");
        }
        List<ChipSpec> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<JedecId, String> ids = new HashMap<>();
        int index = 0;
        for (JsonNode row : root.get("chips")) {
            String label = "chips[" + index++ + "] " + (row.path("name").isTextual() ? row.get("name").asText() : "?");
            String where = origin + " " + label;
            ChipSpec c;
            try {
                c = parse(row);
            } catch (RuntimeException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
            // within one file a name or an ID means one part; which of two rows would win is nobody's guess
            String otherId = ids.putIfAbsent(c.id(), label);
            if (otherId != null) {
                throw new IOException(where + ": field \"manufacturerId\"/\"deviceId\": JEDEC " + c.id()
                        + " is already the ID of " + otherId);
            }
            for (String n : names(c)) {
                String other = names.putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), label);
                if (other != null) {
                    throw new IOException(where + ": field \"name\"/\"aliases\": " + n + " is already a name of " + other);
                }
            }
            out.add(c);
        }
        return out;
    }

    private static List<String> names(ChipSpec c) {
        List<String> all = new ArrayList<>();
        all.add(c.name());
        all.addAll(c.aliases());
        return all;
    }

    /** One row, every field checked before use; a message names the field (the caller adds the row). */
    static ChipSpec parse(JsonNode row) {
        List<String> aliases = new ArrayList<>();
        row.path("aliases").forEach(a -> aliases.add(a.asText()));
        String name = text(row, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("field \"name\" is empty");
        }
        long size = integer(row, "size", 1, MAX_SIZE);
        WriteModel model;
        try {
            model = WriteModel.parse(text(row, "writeModel"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field \"writeModel\": " + e.getMessage());
        }
        if (model.programUnit() > size) {
            throw new IllegalArgumentException("field \"writeModel\": a page of " + model.programUnit()
                    + " bytes is larger than the chip (" + size + " bytes)");
        }
        List<Eraser> erasers = new ArrayList<>();
        int e = 0;
        for (JsonNode en : array(row, "erasers")) {
            String field = "erasers[" + e++ + "]";
            List<EraseRegion> regions = new ArrayList<>();
            long covered = 0;
            long blocks = 0;
            int r = 0;
            for (JsonNode rn : array(en, "regions", field)) {
                String rf = field + ".regions[" + r++ + "]";
                int blockSize = (int) integer(rn, "size", rf, 1, size);
                int count = (int) integer(rn, "count", rf, 1, MAX_BLOCKS);
                blocks += count;
                covered += (long) blockSize * count;
                if (blocks > MAX_BLOCKS) {
                    throw new IllegalArgumentException("field \"" + rf + ".count\": more than " + MAX_BLOCKS
                            + " erase blocks in one eraser");
                }
                regions.add(new EraseRegion(blockSize, count));
            }
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("field \"" + field + ".regions\" is empty");
            }
            if (covered != size) {
                throw new IllegalArgumentException("field \"" + field + ".regions\": the blocks cover " + covered
                        + " bytes, the chip has " + size);
            }
            erasers.add(new Eraser(text(en, "name", field), regions, timing(en, "time", field)));
        }
        if (erasers.isEmpty()) {
            throw new IllegalArgumentException("field \"erasers\" is empty");
        }
        Optional<BootBlock> boot = Optional.empty();
        if (row.hasNonNull("bootBlock")) {
            JsonNode b = row.get("bootBlock");
            long offset = integer(b, "offset", "bootBlock", 0, size - 1);
            long bootSize = integer(b, "size", "bootBlock", 1, size - offset);
            boot = Optional.of(new BootBlock(offset, (int) bootSize));
        }
        double readAccess = row.has("readAccessNs") ? number(row, "readAccessNs", "", MAX_READ_ACCESS_NS) : 70;
        JedecId id;
        try {
            id = new JedecId(Hex.parseId(text(row, "manufacturerId")), Hex.parseId(text(row, "deviceId")));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("field \"manufacturerId\"/\"deviceId\": " + ex.getMessage());
        }
        Bus bus;
        try {
            bus = Bus.valueOf(text(row, "bus").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("field \"bus\": unknown bus " + row.get("bus"));
        }
        return new ChipSpec(name, aliases, text(row, "vendor"), bus, id, size, row.path("voltage").asText(""),
                model, timing(row, "programTime", ""), erasers, readAccess, boot,
                // a row that does not say where its timings come from is treated as inferred, never as datasheet fact
                row.path("timingInferred").asBoolean(true),
                row.path("tested").asText("untested"), text(row, "source"),
                row.hasNonNull("flashromName") ? Optional.of(text(row, "flashromName")) : Optional.empty());
    }

    private static Timing timing(JsonNode parent, String field, String where) {
        JsonNode t = required(parent, field, where);
        String f = path(where, field);
        double typ = number(t, "typUs", f, MAX_MICROS);
        double max = number(t, "maxUs", f, MAX_MICROS);
        if (max < typ) {
            throw new IllegalArgumentException("field \"" + f + ".maxUs\": " + max + " is less than typUs " + typ);
        }
        return new Timing(typ, max);
    }

    /** A finite number in (0, limit]: "1e999" parses as infinity and NaN compares false with everything. */
    private static double number(JsonNode parent, String field, String where, double limit) {
        JsonNode v = required(parent, field, where);
        double d = v.asDouble(Double.NaN);
        if (!v.isNumber() || !Double.isFinite(d) || !(d > 0) || d > limit) {
            throw new IllegalArgumentException("field \"" + path(where, field) + "\": " + v
                    + " is not a finite positive number of at most " + limit);
        }
        return d;
    }

    private static long integer(JsonNode parent, String field, long min, long max) {
        return integer(parent, field, "", min, max);
    }

    /** An integral JSON number in [min, max] (asLong would turn 1e10 or 2.5 or "x" into something else). */
    private static long integer(JsonNode parent, String field, String where, long min, long max) {
        JsonNode v = required(parent, field, where);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException("field \"" + path(where, field) + "\": " + v
                    + " is not a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }

    private static String text(JsonNode parent, String field) {
        return text(parent, field, "");
    }

    private static String text(JsonNode parent, String field, String where) {
        JsonNode v = required(parent, field, where);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field \"" + path(where, field) + "\": " + v + " is not a string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode parent, String field) {
        return array(parent, field, "");
    }

    private static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode v = required(parent, field, where);
        if (!v.isArray()) {
            throw new IllegalArgumentException("field \"" + path(where, field) + "\" is not an array");
        }
        return v;
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field \"" + path(where, field) + "\"");
        }
        return v;
    }

    private static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    /** One chip as JSON in the table's format (for `chips --json` and for users writing a --chip-db). */
    public static ObjectNode toJson(ChipSpec c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
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
        c.flashromName().ifPresent(n -> o.put("flashromName", n));
        return o;
    }

    private static ObjectNode timingJson(Timing t) {
        return JsonNodeFactory.instance.objectNode().put("typUs", t.typicalMicros()).put("maxUs", t.maximumMicros());
    }
}
