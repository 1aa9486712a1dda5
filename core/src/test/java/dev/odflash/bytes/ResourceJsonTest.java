package dev.odflash.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The resource reader gives the tree Jackson's readTree gives (node kinds included), and refuses what is not JSON. */
class ResourceJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static JsonNode ours(String json) throws IOException {
        return ResourceJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/odflash/chip/chips.json", "/dev/odflash/drive/drives.json"})
    void theBuiltInTablesReadAsJacksonReadsThem(String resource) throws IOException {
        JsonNode expected;
        try (InputStream in = ResourceJsonTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            expected = JACKSON.readTree(in);
        }
        try (InputStream in = ResourceJsonTest.class.getResourceAsStream(resource)) {
            assertEquals(expected, ResourceJson.read(in));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": 1, \"b\": -2147483649, \"c\": 9223372036854775807, \"d\": 9223372036854775808, \"e\": -0}",
        "[0, 2.5, -1e3, 1E+2, 3.25e-2, 123456789012345678, 1234567890123456789, -9223372036854775808]",
        "{\"s\": \"tab\\t quote\\\" back\\\\ slash\\/ \\u00e9\\u20ac \\b\\f\\n\\r\", \"u\": \"\u00fc\u4e2d\"}",
        "{\"t\": true, \"f\": false, \"n\": null, \"o\": {}, \"a\": [], \"x\": [{\"y\": [[1], {\"z\": null}]}]}",
        "{\"dup\": 1, \"dup\": \"last wins\"}",
        " \r\n\t{ \"spaced\" : [ 1 , 2 ] } \n"})
    void documentsReadAsJacksonReadsThem(String json) throws IOException {
        JsonNode expected = JACKSON.readTree(json);
        assertEquals(expected, ours(json));
        assertEquals(expected.toString(), ours(json).toString()); // the same node kinds print the same
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]",
        "[-]", "[tru]", "[nul]", "{\"a\":1} x", "[\"\\x\"]", "[\"\\u12\"]", "[\"unterminated]", "[\"line\nbreak\"]",
        "// comment\n{}", "[1] [2]"})
    void whatIsNotJsonIsRefused(String json) {
        assertThrows(IOException.class, () -> ours(json));
    }

    @Test
    void anIntThatFitsIsAnIntNodeAsInJackson() throws IOException {
        assertEquals(JACKSON.readTree("[7, 4294967296]").get(0).getClass(), ours("[7, 4294967296]").get(0).getClass());
        assertEquals(JACKSON.readTree("[7, 4294967296]").get(1).getClass(), ours("[7, 4294967296]").get(1).getClass());
    }
}
