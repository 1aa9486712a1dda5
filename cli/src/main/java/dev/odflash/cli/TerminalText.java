package dev.odflash.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The one sanitiser for text that reaches a terminal (docs/architecture.md "Small things": nothing unsanitised reaches the terminal). Strings from files, drives, chip
 * tables, sysfs and traces can hold ESC sequences (set the title, move the cursor, fake a line), C1
 * controls, DEL or bidi overrides; shown raw they let a crafted updater print what it likes. Two
 * layers, one rule ({@link #unsafe}):
 * <ul>
 *   <li>{@link #guard} wraps stdout and stderr of every run (Cli.run): whatever is printed, by any
 *       path, reaches the terminal with each unsafe character written as {@code \x1b} or
 *       {@code \\u202e}; only the newline passes, as the line structure the CLI itself writes.</li>
 *   <li>{@link #visible} is for a single value inside a line: it also makes a newline visible, so a
 *       value cannot start a line of its own (a fake "Wrote /etc/shadow").</li>
 * </ul>
 * JSON is escaped by the JSON writer ({@code Output.mapper()} escapes the same characters as \\uXXXX).
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** C0 controls (newline and tab included), DEL, C1 controls, bidi controls and line separators. */
    public static boolean unsafe(int cp) {
        return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F
                || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
    }

    /** A value made safe to show inside a line: every unsafe character, newline included, made visible. */
    public static String visible(String s) {
        if (s == null) {
            return "null";
        }
        if (s.codePoints().noneMatch(TerminalText::unsafe)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (unsafe(cp)) {
                sb.append(escape(cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    static String escape(int cp) {
        return cp < 0x100 ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp);
    }

    /** A stream that writes UTF-8 text to {@code raw} with every unsafe character but the newline made visible. */
    public static PrintStream guard(PrintStream raw) {
        if (raw instanceof Guarded) {
            return raw;
        }
        return new Guarded(raw);
    }

    /**
     * The unguarded stream under a guarded one: only for text the CLI composes entirely itself and that
     * needs a carriage return (the progress bar redraws its line).
     */
    static PrintStream raw(PrintStream stream) {
        return stream instanceof Guarded g ? g.raw : stream;
    }

    private static final class Guarded extends PrintStream {
        private final PrintStream raw;

        Guarded(PrintStream raw) {
            super(new Utf8Guard(raw), true, StandardCharsets.UTF_8);
            this.raw = raw;
        }
    }

    /**
     * Decodes the UTF-8 byte stream as it passes and rewrites unsafe characters; a byte that is not
     * part of valid UTF-8 is shown as \xNN (a terminal in a legacy charset would read 0x9B as CSI).
     */
    private static final class Utf8Guard extends FilterOutputStream {
        private final byte[] pending = new byte[4];
        private int have;
        private int need;

        Utf8Guard(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            b &= 0xFF;
            if (need > 0) {
                if ((b & 0xC0) == 0x80) {
                    pending[have++] = (byte) b;
                    if (have == need) {
                        finish();
                    }
                    return;
                }
                flushInvalid();
            }
            if (b < 0x80) {
                if (b != '\n' && unsafe(b)) {
                    ascii(escape(b));
                } else {
                    out.write(b);
                }
            } else if (b >= 0xC2 && b <= 0xF4) {
                pending[0] = (byte) b;
                have = 1;
                need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            } else {
                ascii(escape(b));
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteArrayOutputStream buffered = new ByteArrayOutputStream(len + 16);
            OutputStream target = out;
            out = buffered;
            try {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            } finally {
                out = target;
            }
            buffered.writeTo(out);
        }

        @Override
        public void flush() throws IOException {
            out.flush(); // an unfinished sequence waits for its continuation bytes
        }

        private void finish() throws IOException {
            String s = new String(pending, 0, have, StandardCharsets.UTF_8);
            int cp = s.codePointAt(0);
            if (s.length() == 0 || cp == 0xFFFD) {
                flushInvalid();
                return;
            }
            if (unsafe(cp)) {
                ascii(escape(cp));
            } else {
                out.write(pending, 0, have);
            }
            have = 0;
            need = 0;
        }

        private void flushInvalid() throws IOException {
            for (int i = 0; i < have; i++) {
                ascii(escape(pending[i] & 0xFF));
            }
            have = 0;
            need = 0;
        }

        private void ascii(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
