package dev.odflash.gui.model;

import dev.odflash.gui.GuiHost;

/**
 * The Diagnostics screen's optional command trace: when on, the host records the commands sent to each drive the
 * GUI opens (GuiHost.recordTrace) and the screen shows those of the last one, made visible (a drive's bytes are
 * JSON-escaped by the trace; Texts makes any control character visible too) and bounded to the host's limit.
 */
public final class TraceModel {
    private final GuiHost host;
    private final Changes changes = new Changes();
    private boolean on;

    public TraceModel(GuiHost host) {
        this.host = host;
    }

    public Changes changes() {
        return changes;
    }

    /** Switches recording on or off; an operation already running keeps what it had. */
    public void record(boolean on) {
        this.on = on;
        host.recordTrace(on);
        changes.fire();
    }

    public boolean on() {
        return on;
    }

    /** The trace of the last drive opened while recording, or why there is none. */
    public String text() {
        String t = host.lastTrace();
        if (t.length() > GuiHost.TRACE_LIMIT) { // the host's own bound, kept even if a host ignores it
            t = t.substring(t.length() - GuiHost.TRACE_LIMIT);
        }
        if (t.isEmpty()) {
            return on ? "No command recorded yet: the trace shows the commands of the next operation on a drive."
                    : "The command trace is off: switch it on, then run the operation again.";
        }
        return Texts.visible(t);
    }
}
