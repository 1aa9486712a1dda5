package dev.odflash.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The paste check of every CLI test run can fail: an unquoted or mis-recorded suggestion is caught. */
class PastedHintsTest {
    private static final List<String> ARGV = List.of("odflash", "info", "--device", "emu:x?a=1&b=2 c");

    @Test
    void aQuotedSuggestionPastesToItsArgv() {
        String line = "odflash info --device 'emu:x?a=1&b=2 c'";
        assertThatCode(() -> PastedHints.check("Try: " + line + "\n", "", Map.of(line, ARGV))).doesNotThrowAnyException();
    }

    @Test
    void anUnquotedOneIsCaught() {
        String line = "odflash info --device emu:x?a=1&b=2\\ c";
        assertThatThrownBy(() -> PastedHints.check("", "error: run `" + line + "`", Map.of(line, ARGV)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aBacktickedCommandZshRefusesIsCaught() {
        // an unquoted '?' that matches no file: bash passes it on, zsh refuses the line ("no matches found")
        String line = "odflash info --device emu:asus-crw-5224a?image=nowhere.bin";
        assertThatThrownBy(() -> PastedHints.check("", "hint: `" + line + "` ", Map.of()))
                .isInstanceOf(AssertionError.class);
    }
}
