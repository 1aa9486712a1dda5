package dev.odflash.gui.model;

/**
 * Text from a drive, a file or a table shown in a widget: control characters (an escape sequence, a
 * newline inside an identity string, a bidi override) become visible code points, as the CLI's sanitiser
 * does on a terminal, so a drive's strings can never change what else a label says.
 */
public final class Texts {
    private Texts() {
    }

    public static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t') {
                sb.appendCodePoint(c);
            } else if (Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /** One line: a newline from outside is shown, not obeyed. */
    public static String line(String s) {
        return visible(s).replace("\n", "\\n").replace("\t", " ");
    }
}
