package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an emulated drive's counters from the JSON document it writes on close ({@code ?stats=FILE},
 * docs/testing.md "Emulator counters"). A missing file, a document that does not parse, another format or
 * a counter that is not a whole number fails the test that asked: a counter never silently reads 0.
 */
final class EmulatorCountersFile {
    static final String FORMAT = "odflash-emulator-stats/1";

    private EmulatorCountersFile() {
    }

    /** The counter {@code name} of the document at {@code file}. */
    static long counter(Path file, String name) {
        JsonNode n = read(file).path(name);
        if (!n.isIntegralNumber()) {
            throw new AssertionError("emulator counters " + file + ": '" + name + "' is "
                    + (n.isMissingNode() ? "missing" : "not a whole number: " + n));
        }
        return n.asLong();
    }

    static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("emulator counters " + file + " were not written (the drive did not close, or"
                    + " stats= is not supported)");
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("emulator counters " + file + " do not parse: " + e.getMessage(), e);
        }
        if (doc == null || !FORMAT.equals(doc.path("format").asText())) {
            throw new AssertionError("emulator counters " + file + " are not an " + FORMAT + " document");
        }
        return doc;
    }
}
