package dev.odflash.cli;

import dev.odflash.ops.flash.Confirmation;
import dev.odflash.ops.flash.FlashSummary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks "Flash? [y/N]" on the terminal. Without a terminal there is nobody to ask, so it refuses and
 * says to use --yes (a script must opt in explicitly). As the flash pipeline's {@link Confirmation} it
 * says so up front ({@link #canAsk()}), so the pipeline refuses before reading the drive and the
 * refusal is said once, by the pipeline.
 *
 * <p>Nothing waits forever (README rule 7): the question holds the drive's lock, so an answer that
 * does not come within {@link #WAIT} (10 minutes) counts as no. The read runs on a daemon thread,
 * since a read of stdin cannot be interrupted; the process ends with the command.
 */
final class TerminalConfirmation implements Confirmation {
    /** How long a question waits for its answer; a test binds a short one. */
    static final ScopedValue<Duration> WAIT = ScopedValue.newInstance();
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

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
    public boolean canAsk() {
        return terminal.interactive();
    }

    @Override
    public boolean confirm(FlashSummary summary) {
        return confirm(FlashSummaryText.of(summary));
    }

    /** Shows the summary, asks, and returns whether the user agreed. */
    boolean confirm(String summary) {
        if (!terminal.interactive()) {
            terminal.err().println(noTerminal);
            return false;
        }
        Duration wait = WAIT.orElse(DEFAULT_WAIT);
        terminal.err().println(summary);
        terminal.err().print(question + " Type yes to continue (no answer within " + words(wait) + " counts as no): ");
        terminal.err().flush();
        Optional<String> answer = readLine(wait);
        if (answer == null) {
            terminal.err().println();
            terminal.err().println("no answer within " + words(wait) + ": taken as no");
            return false;
        }
        return answer.map(String::strip).filter(a -> a.equalsIgnoreCase("yes") || a.equalsIgnoreCase("y")).isPresent();
    }

    /** The line typed within {@code wait} (empty at end of input or a read error), or null when none came in time. */
    private Optional<String> readLine(Duration wait) {
        CompletableFuture<Optional<String>> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                line.complete(oneLine(terminal.in()));
            } catch (IOException | RuntimeException e) {
                line.complete(Optional.empty());
            }
        }, "odflash-confirmation");
        reader.setDaemon(true);
        reader.start();
        try {
            return line.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** The longest answer kept; the rest of a longer line is read and dropped (bounded memory). */
    static final int MAX_LINE = 4096;

    /**
     * The input's next line (empty at end of input), read byte by byte: a buffered reader would take the
     * bytes after the newline too, and a second question in the same run (the clip's identity, then the
     * flash itself) would find its typed answer gone.
     */
    static Optional<String> oneLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return Optional.empty();
        }
        return Optional.of(line.toString(StandardCharsets.UTF_8));
    }

    /** "10 minutes", "30 s", "200 ms": the wait as the prompt says it. */
    static String words(Duration d) {
        if (d.toSeconds() >= 60 && d.toSecondsPart() == 0 && d.toMillisPart() == 0) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        if (d.toMillisPart() == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
