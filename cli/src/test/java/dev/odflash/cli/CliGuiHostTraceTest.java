package dev.odflash.cli;

import dev.odflash.ops.DataHome;
import dev.odflash.transport.Device;
import dev.odflash.transport.UserActions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GUI's command trace through the host seam: off, nothing is recorded; on, the drive opened last has its
 * commands as the trace's JSON lines (a header, then the INQUIRY the probe sent); the buffer keeps the newest lines
 * within its bound.
 */
class CliGuiHostTraceTest {
    private static final String DRIVE = "emu:asus-crw-5224a";
    @TempDir
    Path home;

    @Test
    void offRecordsNothingOnRecordsTheLastDrivesCommands() throws Exception {
        CliGuiHost host = host();
        try (Device d = host.open(DRIVE, UserActions.NONE)) {
            host.probe().probe(d);
        }
        assertThat(host.lastTrace()).isEmpty();
        host.recordTrace(true);
        try (Device d = host.open(DRIVE, UserActions.NONE)) {
            host.probe().probe(d);
        }
        String trace = host.lastTrace();
        assertThat(trace.lines().findFirst().orElseThrow()).contains("\"header\"");
        assertThat(trace.lines().count()).isGreaterThan(1);
        assertThat(trace).contains("\"cdb\"");
    }

    @Test
    void theBufferKeepsTheNewestWholeLinesWithinItsBound() {
        GuiTrace t = new GuiTrace(100);
        for (int i = 0; i < 50; i++) {
            String line = String.format("{\"line\":%02d,\"pad\":\"xxxxxxxx\"}\n", i);
            t.write(line.toCharArray(), 0, line.length());
        }
        assertThat(t.text().length()).isLessThanOrEqualTo(100);
        assertThat(t.cut()).isTrue();
        assertThat(t.text()).startsWith("{\"line\"").endsWith("{\"line\":49,\"pad\":\"xxxxxxxx\"}\n");
    }

    private CliGuiHost host() {
        Map<String, String> env = Map.of("HOME", home.toString(), "ODFLASH_HOME", home.resolve("gui-home").toString());
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), true);
        DataHome dataHome = DataHomes.resolve(env);
        Clock clock = Clock.systemUTC();
        RunLog log = new RunLog(dataHome.home(), clock, new String[]{"gui"}, () -> false, UnaryOperator.identity(), m -> { });
        return new CliGuiHost(new AppContext(t, env, new GlobalOptions(), clock, UnaryOperator.identity(), log, dataHome,
                List.of("gui")), List.of(DRIVE));
    }
}
