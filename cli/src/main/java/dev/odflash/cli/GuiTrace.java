package dev.odflash.cli;

import java.io.Writer;

/**
 * The GUI's command trace of the drive it opened last: the lines `--trace` writes to a file, held in memory and
 * bounded (a whole flash is thousands of commands): past {@code limit} characters the oldest whole lines go, so
 * the end of the operation (where it failed) is always kept.
 */
final class GuiTrace extends Writer {
    private final int limit;
    private final StringBuilder text = new StringBuilder();
    private boolean cut;

    GuiTrace(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        text.append(buf, off, len);
        if (text.length() > limit) {
            int from = text.length() - limit;
            int nl = text.indexOf("\n", from);
            text.delete(0, nl < 0 ? from : nl + 1);
            cut = true;
        }
    }

    /** The kept lines; whether older ones were dropped. */
    synchronized String text() {
        return text.toString();
    }

    synchronized boolean cut() {
        return cut;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
