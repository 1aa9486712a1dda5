package dev.odflash.transport.trace;

import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;

/**
 * Records task-file accesses as register lines {"reg": "w"|"r", "name", "value"} (docs/architecture.md "Traces"),
 * while {@link #recording} is on: the chip channel's trace turns it on for the intro, the ID and the outro, so the
 * millions of accesses of a full read or write stay chip-level lines.
 */
final class TracingTaskFile implements TaskFile {
    private final TaskFile inner;
    private final TraceWriter trace;
    private final boolean everyAccess;
    boolean recording;

    TracingTaskFile(TaskFile inner, TraceWriter trace, boolean everyAccess) {
        this.inner = inner;
        this.trace = trace;
        this.everyAccess = everyAccess;
    }

    private void line(String direction, String name, int value) {
        if (recording || everyAccess) {
            trace.write(TraceWriter.line().put("reg", direction).put("name", name).put("value", value));
        }
    }

    @Override
    public void write(Register register, int value) throws TransportException {
        inner.write(register, value);
        line("w", register.traceName(), value);
    }

    @Override
    public void command(int opcode) throws TransportException {
        try {
            inner.command(opcode);
        } catch (TransportException e) {
            if (recording || everyAccess) { // the command that got no answer is the trace's last line
                trace.write(TraceWriter.line().put("reg", "w").put("name", "command").put("value", opcode)
                        .put("error", e.kind().name()));
            }
            throw e;
        }
        line("w", "command", opcode);
    }

    @Override
    public int status() throws TransportException {
        int v = inner.status();
        line("r", "status", v);
        return v;
    }

    @Override
    public int read(Register register) throws TransportException {
        int v = inner.read(register);
        line("r", register.traceName(), v);
        return v;
    }

    @Override
    public DeviceClock clock() {
        return inner.clock();
    }

    @Override
    public Pacing pacing() {
        return inner.pacing();
    }
}
