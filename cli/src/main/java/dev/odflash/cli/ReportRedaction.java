package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.odflash.protocol.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a report hides by default (README "Reporting a problem"): the drive's serial numbers, wherever they
 * appear (the answers to INQUIRY VPD page 0x80 and GET CONFIGURATION feature 0x0108 inside trace payloads,
 * and any text that quotes them), and the user's home directory in paths. A payload keeps its length (each
 * serial byte becomes 'X') so a redacted trace still replays; text gets a placeholder.
 */
final class ReportRedaction {
    static final String SERIAL_WORD = "<serial>";
    /** Shorter serials are not hunted for in text: two characters would match everywhere. */
    private static final int MIN_SERIAL = 3;
    private final Set<String> serials = new LinkedHashSet<>();
    private final List<String> homes = new ArrayList<>();
    private final boolean enabled;

    ReportRedaction(boolean enabled, List<String> homes) {
        this.enabled = enabled;
        homes.stream().filter(h -> h != null && h.length() > 1).map(h -> h.endsWith("/") ? h.substring(0, h.length() - 1) : h)
                .distinct().sorted((a, b) -> b.length() - a.length()).forEach(this.homes::add);
    }

    /** Learns the serials a trace's answers carry (call for every trace before redacting anything). */
    void learnFromTrace(List<JsonNode> lines) {
        for (JsonNode n : lines) {
            byte[] cdb = hex(n.path("cdb").asText(""));
            byte[] data = hex(n.path("dataIn").asText(""));
            if (cdb.length < 3 || data.length == 0) {
                continue;
            }
            int op = cdb[0] & 0xFF;
            if (op == 0x12 && (cdb[1] & 1) != 0 && (cdb[2] & 0xFF) == 0x80 && data.length > 4) {
                // SPC-4 Unit Serial Number VPD page: bytes 2-3 page length, then the serial in ASCII
                int len = Math.min((data[2] & 0xFF) << 8 | data[3] & 0xFF, data.length - 4);
                Configuration.printable(data, 4, len).ifPresent(this::learn); // without its blank and NUL padding
            } else if (op == 0x46 && data.length >= 8) {
                // MMC-6 GET CONFIGURATION: feature 0x0108 Logical Unit Serial Number
                try {
                    Configuration.parse(data, data.length).unitSerial().ifPresent(this::learn);
                } catch (RuntimeException malformed) {
                    // a garbled answer carries no serial odflash would show or key on
                }
            }
        }
    }

    /** Learns a serial a view printed (a "serial" field). */
    void learn(String serial) {
        String s = serial.strip();
        if (s.length() >= MIN_SERIAL) {
            serials.add(s);
        }
    }

    boolean enabled() {
        return enabled;
    }

    int serialCount() {
        return serials.size();
    }

    /** A trace line with serial bytes in its payload overwritten and its text fields redacted. */
    JsonNode traceLine(JsonNode line) {
        if (!enabled || !(line instanceof ObjectNode o)) {
            return line;
        }
        ObjectNode copy = o.deepCopy();
        if (copy.hasNonNull("dataIn")) {
            byte[] data = hex(copy.get("dataIn").asText());
            for (String s : serials) {
                overwrite(data, s.getBytes(StandardCharsets.ISO_8859_1));
            }
            copy.put("dataIn", HexFormat.of().formatHex(data));
        }
        if (copy.hasNonNull("message")) {
            copy.put("message", text(copy.get("message").asText()));
        }
        return copy;
    }

    /** A JSON document with every string redacted. */
    JsonNode json(JsonNode node) {
        if (!enabled) {
            return node;
        }
        if (node instanceof ObjectNode o) {
            ObjectNode copy = o.objectNode();
            o.properties().forEach(e -> copy.set(e.getKey(), json(e.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = a.arrayNode();
            a.forEach(v -> copy.add(json(v)));
            return copy;
        }
        return node.isTextual() ? TextNode.valueOf(text(node.asText())) : node;
    }

    /** Text with serials replaced by {@value #SERIAL_WORD} and the home directory by "~". */
    String text(String text) {
        if (!enabled) {
            return text;
        }
        String out = text;
        for (String s : serials) {
            out = out.replace(s, SERIAL_WORD);
        }
        for (String h : homes) {
            // the home directory as a whole path element: /home/ann is redacted in /home/ann/x, not in /home/anna
            out = out.replaceAll(java.util.regex.Pattern.quote(h) + "(?![A-Za-z0-9._-])", "~");
        }
        return out;
    }

    private static void overwrite(byte[] data, byte[] serial) {
        for (int i = 0; i + serial.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + serial.length, serial, 0, serial.length)) {
                java.util.Arrays.fill(data, i, i + serial.length, (byte) 'X');
                i += serial.length - 1;
            }
        }
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
