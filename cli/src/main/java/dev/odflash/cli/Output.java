package dev.odflash.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.ExitCode;

/**
 * Writes a command's result: with --json exactly one JSON document on stdout, otherwise the human
 * text. Errors: the human text on stderr always; with --json also
 * {@code {"error": {"exitCode", "kind", "message"}}} on stdout.
 */
public final class Output {
    static final ObjectMapper JSON = new ObjectMapper();
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

    public void warn(String message) {
        terminal.err().println("warning: " + message);
    }

    public void note(String message) {
        terminal.err().println(message);
    }

    public int error(ExitCode code, String message) {
        terminal.err().println("error: " + message);
        if (json) {
            ObjectNode doc = object();
            doc.putObject("error").put("exitCode", code.code()).put("kind", code.kind()).put("message", message);
            terminal.out().println(pretty(doc));
        }
        return code.code();
    }

    static String pretty(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
