package dev.odflash.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static dev.odflash.cli.TerminalSafetyTest.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

/** The sanitiser itself: values and the guarded streams (new API: does not compile on the base commit). */
class TerminalTextTest {
    @Test
    void theSanitiserMakesEveryUnsafeCharacterVisible() {
        assertThat(TerminalText.visible(HOSTILE))
                .isEqualTo("x\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x7f\\u202egpj.exe\\x0aWrote /etc/shadow");
        assertThat(TerminalText.visible("ASUS CRW-5224A 1.10 é µ")).isEqualTo("ASUS CRW-5224A 1.10 é µ");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        var guarded = TerminalText.guard(new PrintStream(raw, true, StandardCharsets.UTF_8));
        guarded.println("a\u001bb\u009bc\u202ed é");
        guarded.write(new byte[]{'z', (byte) 0x9b, (byte) 0xc2}, 0, 3);
        guarded.write('!');
        guarded.flush();
        assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("a\\x1bb\\x9bc\\u202ed é\nz\\x9b\\xc2!");
    }

    @Test
    void theJsonWriterEscapesWhatJacksonWouldWriteRaw() {
        String json = Output.pretty(Output.object().put("v", "a\u001b\u007f\u009b\u202eb"));
        assertThat(json).contains("a\\u001B\\u007F\\u009b\\u202eb");
        json.codePoints().forEach(cp -> assertThat(cp == '\n' || !TerminalSafetyTest.unsafe(cp)).isTrue());
    }
}
