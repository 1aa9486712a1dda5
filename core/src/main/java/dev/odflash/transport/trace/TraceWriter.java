package dev.odflash.transport.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a trace as JSON Lines, one object per command (architecture.md "Contracts" → Traces). Each
 * line is flushed so a trace of a run that dies part-way still shows the last command.
 */
public final class TraceWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer out;

    public TraceWriter(Writer out) {
        this.out = out;
    }

    static ObjectNode line() {
        return JSON.createObjectNode();
    }

    synchronized void write(ObjectNode line) {
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace", e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
