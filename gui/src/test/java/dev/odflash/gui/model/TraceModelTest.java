package dev.odflash.gui.model;

import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.GuiHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Diagnostics screen's command trace: the toggle reaches the host, the text is made visible and bounded. */
class TraceModelTest {
    @TempDir
    Path dir;

    @Test
    void theToggleReachesTheHostAndTheTraceIsSanitisedAndBounded() {
        List<Boolean> asked = new ArrayList<>();
        String[] trace = {""};
        EmulatorHost host = new EmulatorHost(dir) {
            @Override
            public void recordTrace(boolean on) {
                asked.add(on);
            }

            @Override
            public String lastTrace() {
                return trace[0];
            }
        };
        GuiModels m = new GuiModels(host, Threads.inline()); // through PromptingHost, as the screens reach it
        TraceModel t = m.trace();
        assertThat(t.text()).contains("off");
        t.record(true);
        assertThat(asked).containsExactly(true);
        assertThat(t.text()).contains("No command recorded yet");
        trace[0] = "x".repeat(GuiHost.TRACE_LIMIT) + "{\"cdb\":\"12\",\"note\":\"\u001b[2J\"}\n";
        String shown = t.text();
        assertThat(shown).doesNotContain("\u001b").contains("\\u001B[2J").endsWith("}\n");
        assertThat(shown.length()).isLessThanOrEqualTo(GuiHost.TRACE_LIMIT + 5); // the escape's 5 extra characters
        t.record(false);
        assertThat(asked).containsExactly(true, false);
    }
}
