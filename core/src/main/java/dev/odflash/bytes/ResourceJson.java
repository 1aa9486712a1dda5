package dev.odflash.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Reads odflash's own JSON resources (the built-in chip and drive tables) into the tree Jackson's
 * {@code ObjectMapper.readTree} gives: same node kinds (int, long, big integer, double, text, boolean, null,
 * object, array), so the tables' parsers stay the ones a user's files go through. Every run that opens a drive
 * reads both tables, and Jackson's parser pays on each start for class set-up no AOT cache holds (its parser base
 * class initialises {@code java.math.BigDecimal}, which computes 5^65536): about a fifth of {@code info} on the
 * emulated drive (docs/build-notes.md, start-up). Only for trusted resources: user files go through Jackson, with
 * its error messages. Strict RFC 8259 (no comments, no trailing commas); anything else is an IOException.
 */
public final class ResourceJson {
    private final String text;
    private int at;

    private ResourceJson(String text) {
        this.text = text;
    }

    /** The resource's JSON document as a Jackson tree. */
    public static JsonNode read(InputStream in) throws IOException {
        ResourceJson r = new ResourceJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        JsonNode root = r.value();
        r.space();
        if (r.at != r.text.length()) {
            throw r.error("text after the document");
        }
        return root;
    }

    private JsonNode value() throws IOException {
        space();
        if (at >= text.length()) {
            throw error("end of input where a value belongs");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> JsonNodeFactory.instance.textNode(string());
            case 't' -> word("true", JsonNodeFactory.instance.booleanNode(true));
            case 'f' -> word("false", JsonNodeFactory.instance.booleanNode(false));
            case 'n' -> word("null", JsonNodeFactory.instance.nullNode());
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private ObjectNode object() throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        at++; // {
        space();
        if (peek() == '}') {
            at++;
            return o;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("a field name belongs here");
            }
            String name = string();
            space();
            expect(':');
            o.set(name, value()); // a repeated name: the last one wins, as in readTree
            space();
            char c = next();
            if (c == '}') {
                return o;
            }
            if (c != ',') {
                throw error("',' or '}' belongs here");
            }
        }
    }

    private ArrayNode array() throws IOException {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        at++; // [
        space();
        if (peek() == ']') {
            at++;
            return a;
        }
        while (true) {
            a.add(value());
            space();
            char c = next();
            if (c == ']') {
                return a;
            }
            if (c != ',') {
                throw error("',' or ']' belongs here");
            }
        }
    }

    private String string() throws IOException {
        at++; // "
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text, at, at + 4, 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    /** A number as readTree types it: int when it fits, else long, else big integer; a fraction or exponent: double. */
    private JsonNode number() throws IOException {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        int digits = digits();
        if (digits == 0 || digits > 1 && text.charAt(at - digits) == '0') {
            throw error("bad number");
        }
        boolean integral = true;
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            integral = false;
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            integral = false;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        String n = text.substring(start, at);
        if (!integral) {
            return JsonNodeFactory.instance.numberNode(Double.parseDouble(n));
        }
        if (digits <= 18) {
            long v = Long.parseLong(n);
            return v == (int) v ? JsonNodeFactory.instance.numberNode((int) v) : JsonNodeFactory.instance.numberNode(v);
        }
        BigInteger big = new BigInteger(n);
        return big.bitLength() < 64 ? JsonNodeFactory.instance.numberNode(big.longValue())
                : JsonNodeFactory.instance.numberNode(big);
    }

    private int digits() {
        int from = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - from;
    }

    private JsonNode word(String word, JsonNode node) throws IOException {
        if (!text.startsWith(word, at)) {
            throw error("unexpected word");
        }
        at += word.length();
        return node;
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() throws IOException {
        if (at >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(at);
    }

    private char next() throws IOException {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw error("'" + c + "' belongs here");
        }
    }

    private IOException error(String what) {
        return new IOException("JSON resource, offset " + at + ": " + what);
    }
}
