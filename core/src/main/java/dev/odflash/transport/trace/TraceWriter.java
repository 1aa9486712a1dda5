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
    private final String version;
    private boolean failed;

    /**
     * A writer whose failures are reported to {@code onFailure} (one message, then silence).
     *
     * @param version the tool's version, written in each header line
     */
    public TraceWriter(Writer out, Consumer<String> onFailure, String version) {
        this.out = out;
        this.onFailure = onFailure;
        this.version = version;
    }

    /** A writer whose failures are reported to {@code onFailure}; its header lines name no version ("unknown"). */
    public TraceWriter(Writer out, Consumer<String> onFailure) {
        this(out, onFailure, "unknown");
    }

    /** A writer whose failures stop tracing silently. */
    public TraceWriter(Writer out) {
        this(out, message -> {
        });
    }

    /**
     * Writes the header line that comes before a drive's commands (docs/architecture.md "Contracts" → Traces): the
     * tool and its version, the host path's limits the commands were cut to, and which clock {@code ms} is on. A
     * replay serves its commands under the same limits.
     */
    public void header(long maxTransfer, int alignMask, boolean simulatedClock) {
        header(maxTransfer, alignMask, simulatedClock, 1);
    }

    /** As {@link #header(long, int, boolean)}; a wall clock sped up ({@code timescale} above 1) adds "timescale". */
    public void header(long maxTransfer, int alignMask, boolean simulatedClock, long timescale) {
        ObjectNode line = line();
        ObjectNode h = line.putObject("header").put("tool", "odflash").put("version", version)
                .put("maxTransfer", maxTransfer).put("alignMask", alignMask).put("clock", simulatedClock ? "virtual" : "wall");
        if (!simulatedClock && timescale > 1) {
            h.put("timescale", timescale);
        }
        write(line);
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
