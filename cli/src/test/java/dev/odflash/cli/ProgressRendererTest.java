package dev.odflash.cli;

import dev.odflash.protocol.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Core reports typed progress events; the renderer owns their words and tells seconds from bytes by the unit. */
class ProgressRendererTest {
    @Test
    void phasesAreWordedByTheRendererAndAWaitCountsSeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false);
        r.bytes(Progress.Phase.READ, 1, 0, 1024);
        r.bytes(Progress.Phase.READ, 3, 1024, 1024);
        r.bytes(Progress.Phase.WRITE, 2, 512, 512);
        r.update(new Progress.Event(Progress.Phase.BURN_WAIT, 1, Progress.Unit.SECONDS, 50, 50));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("read pass 1/2: 0%").contains("read pass 3 (passes disagreed): 100%")
                .contains("write (round 2): 100%").contains("wait: drive burning, seconds: 50 of 50");
    }
}
