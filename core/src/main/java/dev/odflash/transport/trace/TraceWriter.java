package dev.odflash.transport.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Writes a trace as JSON Lines, one object per command (docs/architecture.md "Contracts" → Traces). Each
 * line is flushed so a trace of a run that dies part-way still shows the last command.
 *
 * <p>A trace is a diagnostic: it never aborts the drive operation it records (docs/architecture.md "Traces"; a full disk
 * under --trace used to stop a flash half-way). The first failed write stops tracing, reports once
 * through {@code onFailure}, and every later line is dropped; the operation goes on to its end.
 */
public final class TraceWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer out;
    private final Consumer<String> onFailure;
    private boolean failed;

    /** A writer whose failures are reported to {@code onFailure} (one message, then silence). */
    public TraceWriter(Writer out, Consumer<String> onFailure) {
        this.out = out;
        this.onFailure = onFailure;
    }

    /** A writer whose failures stop tracing silently. */
    public TraceWriter(Writer out) {
        this(out, message -> {
        });
    }

    static ObjectNode line() {
        return JSON.createObjectNode();
    }

    synchronized void write(ObjectNode line) {
        if (failed) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the sink is already broken; the one message below says so
            }
            onFailure.accept("cannot write the trace (" + e.getMessage() + "): tracing stopped, the drive"
                    + " operation goes on; the trace file ends before this command");
        }
    }

    /** Whether a write failed and tracing stopped. */
    public synchronized boolean failed() {
        return failed;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!failed) {
            out.close();
        }
    }
}
