package dev.odflash.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.odflash.ops.Failure;

/**
 * Writes a command's result: with --json exactly one JSON document on stdout, otherwise the human
 * text. Errors: the human text on stderr always; with --json also
 * {@code {"error": {"exitCode", "kind", "message"}}} on stdout, with the failure's structured fields
 * ({@code refusal}, {@code mismatch} or {@code device}, {@link OutcomeText#fields}). Core texts pass
 * through {@link OutcomeText#words} on the way out, so the choices they mention appear as flags.
 */
public final class Output {
    /** The one mapper, made on first use: a run that prints no JSON does not pay for it (start-up, issue 18). */
    private static final class Mapper {
        static final ObjectMapper JSON = jsonMapper();
    }
    private final Terminal terminal;
    private final boolean json;

    Output(Terminal terminal, boolean json) {
        this.terminal = terminal;
        this.json = json;
    }

    /** The mapper every JSON document odflash prints goes through. */
    static ObjectMapper mapper() {
        return Mapper.JSON;
    }

    /** A new JSON object (the mapper's node factory is the default one, so this needs no mapper). */
    public static ObjectNode object() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    public boolean json() {
        return json;
    }

    /** Prints the result: the JSON document or the human text. */
    public void result(ObjectNode document, String human) {
        if (json) {
            terminal.out().println(pretty(flagWords(document)));
        } else if (!human.isEmpty()) {
            String text = OutcomeText.words(human);
            terminal.out().print(text.endsWith("\n") ? text : text + "\n");
        }
    }

    /** A one-line warning; its text may quote what a file or drive said, so it is shown {@link TerminalText#visible}. */
    public void warn(String message) {
        terminal.err().println("warning: " + TerminalText.visible(OutcomeText.words(message)));
    }

    public void note(String message) {
        terminal.err().println(TerminalText.visible(OutcomeText.words(message)));
    }

    public int error(ExitCode code, String message) {
        return error(code, message, null);
    }

    /** A failure as OutcomeText words it: message, exit code and the structured JSON fields. */
    public int error(Failure failure) {
        return error(OutcomeText.exitCode(failure), OutcomeText.message(failure), failure);
    }

    private int error(ExitCode code, String message, Failure failure) {
        terminal.err().println("error: " + TerminalText.visible(message));
        if (json) {
            ObjectNode doc = object();
            ObjectNode error = doc.putObject("error").put("exitCode", code.code()).put("kind", code.kind())
                    .put("message", message);
            if (failure != null) {
                OutcomeText.fields(failure, error);
            }
            terminal.out().println(pretty(doc));
        }
        return code.code();
    }

    /** The document with every string's choice placeholders worded as flags. */
    private static ObjectNode flagWords(ObjectNode document) {
        return (ObjectNode) flagWords((JsonNode) document);
    }

    private static JsonNode flagWords(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> e.setValue(flagWords(e.getValue())));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, flagWords(a.get(i)));
            }
        } else if (node.isTextual() && node.asText().contains("{choice:")) {
            return TextNode.valueOf(OutcomeText.words(node.asText()));
        }
        return node;
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
            return mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
