package dev.odflash.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two questions in one run read their answers from the same input, one line each: the first question
 * must not swallow the second's answer (a piped "yes\nyes\n", or a user typing ahead).
 */
class TwoQuestionsOneInputTest {
    private static Terminal piped(String typed) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Terminal(quiet, quiet, new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), true);
    }

    @Test
    void eachQuestionTakesOneLine() {
        Terminal t = piped("yes\nno\nyes\n");
        assertThat(new TerminalConfirmation(t, "First?", "none").confirm("one")).isTrue();
        assertThat(new TerminalConfirmation(t, "Second?", "none").confirm("two")).isFalse();
        assertThat(new TerminalConfirmation(t, "Third?", "none").confirm("three")).isTrue();
        assertThat(new TerminalConfirmation(t, "Fourth?", "none").confirm("four")).as("end of input is no").isFalse();
    }

    @Test
    void aVeryLongLineIsBoundedAndTheNextAnswerStillArrives() {
        Terminal t = piped("x".repeat(100_000) + "\nyes\n");
        assertThat(new TerminalConfirmation(t, "First?", "none").confirm("one")).isFalse();
        assertThat(new TerminalConfirmation(t, "Second?", "none").confirm("two")).isTrue();
    }

    @Test
    void aWindowsLineEndStillReadsAsYes() {
        assertThat(new TerminalConfirmation(piped("yes\r\n"), "First?", "none").confirm("one")).isTrue();
    }
}
