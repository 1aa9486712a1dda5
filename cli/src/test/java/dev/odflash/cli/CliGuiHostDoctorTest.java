package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.doctor.Check;
import dev.odflash.ops.DataHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The GUI's doctor through its host seam is `odflash doctor`'s own checks, typed: the same checks in the same order. */
class CliGuiHostDoctorTest {
    @TempDir
    Path home;

    @Test
    void theGuiHostReturnsTheChecksDoctorPrints() throws Exception {
        List<Check> typed = host().doctor();
        CliRunner.Run r = new CliRunner(home.resolve("cli-home")).run("doctor", "--json");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 3);
        List<String> printed = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(r.out()).path("checks")) {
            printed.add(c.path("status").asText() + " " + c.path("check").asText() + " " + c.path("target").asText());
        }
        assertThat(printed).isNotEmpty();
        assertThat(typed.stream().map(c -> c.status().word() + " " + c.name() + " " + c.target()).toList())
                .isEqualTo(printed);
        assertThat(typed).extracting(Check::name).contains("java", "platform", "libflashrom");
    }

    private CliGuiHost host() {
        Map<String, String> env = Map.of("HOME", home.toString(), "ODFLASH_HOME", home.resolve("gui-home").toString());
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), false);
        DataHome dataHome = DataHomes.resolve(env);
        Clock clock = Clock.systemUTC();
        RunLog log = new RunLog(dataHome.home(), clock, new String[]{"gui"}, () -> false, UnaryOperator.identity(), m -> { });
        return new CliGuiHost(new AppContext(t, env, new GlobalOptions(), clock, UnaryOperator.identity(), log, dataHome,
                List.of("gui")), List.of());
    }
}
