package dev.odflash.cli;

import dev.odflash.ops.flash.Confirmation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Asks "Flash? [y/N]" on the terminal. Without a terminal there is nobody to ask, so it refuses and
 * says to use --yes (a script must opt in explicitly).
 */
final class TerminalConfirmation implements Confirmation {
    private final Terminal terminal;
    private final String question;
    private final String noTerminal;

    TerminalConfirmation(Terminal terminal) {
        this(terminal, "Flash this drive?", "flash: no terminal to confirm on; run with --yes to flash from a script");
    }

    /** Another question (journal adopt, journal discard) and what to say when nobody can answer it. */
    TerminalConfirmation(Terminal terminal, String question, String noTerminal) {
        this.terminal = terminal;
        this.question = question;
        this.noTerminal = noTerminal;
    }

    @Override
    public boolean confirm(String summary) {
        if (!terminal.interactive()) {
            terminal.err().println(noTerminal);
            return false;
        }
        terminal.err().println(summary);
        terminal.err().print(question + " Type yes to continue: ");
        terminal.err().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"));
        } catch (IOException e) {
            return false;
        }
    }
}
