package dev.odflash.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.ExitCode;

/**
 * Writes a command's result: with --json exactly one JSON document on stdout, otherwise the human
 * text. Errors: the human text on stderr always; with --json also
 * {@code {"error": {"exitCode", "kind", "message"}}} on stdout.
 */
public final class Output {
    static final ObjectMapper JSON = jsonMapper();
    private final Terminal terminal;
    private final boolean json;

    Output(Terminal terminal, boolean json) {
        this.terminal = terminal;
        this.json = json;
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public boolean json() {
        return json;
    }

    /** Prints the result: the JSON document or the human text. */
    public void result(ObjectNode document, String human) {
        if (json) {
            terminal.out().println(pretty(document));
        } else if (!human.isEmpty()) {
            terminal.out().print(human.endsWith("\n") ? human : human + "\n");
        }
    }

    /** A one-line warning; its text may quote what a file or drive said, so it is shown {@link TerminalText#visible}. */
    public void warn(String message) {
        terminal.err().println("warning: " + TerminalText.visible(message));
    }

    public void note(String message) {
        terminal.err().println(TerminalText.visible(message));
    }

    public int error(ExitCode code, String message) {
        terminal.err().println("error: " + TerminalText.visible(message));
        if (json) {
            ObjectNode doc = object();
            doc.putObject("error").put("exitCode", code.code()).put("kind", code.kind()).put("message", message);
            terminal.out().println(pretty(doc));
        }
        return code.code();
    }

    /**
     * Jackson escapes C0 controls itself; DEL, C1 controls and bidi overrides it would write raw, so
     * they are escaped as \\uXXXX too (the same characters {@link TerminalText#unsafe} names).
     */
    private static ObjectMapper jsonMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new CharacterEscapes() {
            private final int[] ascii = asciiEscapes();

            private static int[] asciiEscapes() {
                int[] e = CharacterEscapes.standardAsciiEscapesForJSON();
                e[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
                return e;
            }

            @Override
            public int[] getEscapeCodesForAscii() {
                return ascii;
            }

            @Override
            public SerializableString getEscapeSequence(int ch) {
                return TerminalText.unsafe(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
            }
        });
        return mapper;
    }

    static String pretty(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
