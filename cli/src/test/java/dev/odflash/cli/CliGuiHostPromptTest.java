package dev.odflash.cli;

import dev.odflash.ops.DataHome;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GUI's host opens drives with the GUI's prompt as the engine's UserActions (not the terminal's): on an emulated
 * drive that takes the intro only just after power-on, a later vendor-mode entry asks the GUI, and the emulator then
 * plays the user who was asked; a GUI that asks nobody gets the engine's instruction and no power cycle.
 */
class CliGuiHostPromptTest {
    private static final String DRIVE = "emu:asus-crw-5224a?intro=window";
    @TempDir
    Path home;

    /** Probes the drive twice, the second time well after the first second's intro window has closed. */
    private String probeTwice(CliGuiHost host, UserActions user) throws OdflashException {
        DriveProbe probe = host.probe();
        try (Device d = host.open(DRIVE, user)) {
            assertThat(probe.probe(d).toString()).contains("CRW-5224A"); // inside the window: nobody asked
            d.clock().sleep(Duration.ofSeconds(5));
            return probe.probe(d).toString();
        }
    }

    @Test
    void theGuiIsAskedAndTheEmulatorPlaysTheUser() throws Exception {
        List<UserActions.Action> asked = new CopyOnWriteArrayList<>();
        assertThat(probeTwice(host(), (action, wait) -> asked.add(action))).contains("SST39SF040");
        assertThat(asked).containsExactly(UserActions.Action.POWER_CYCLE);
    }

    @Test
    void aGuiThatAsksNobodyGetsTheInstruction() throws Exception {
        List<UserActions.Action> asked = new CopyOnWriteArrayList<>();
        String second = probeTwice(host(), (action, wait) -> {
            asked.add(action);
            return false;
        });
        assertThat(second).doesNotContain("SST39SF040").contains("power-cycle the drive");
        assertThat(asked).containsExactly(UserActions.Action.POWER_CYCLE);
    }

    private CliGuiHost host() {
        Map<String, String> env = Map.of("HOME", home.toString(), "ODFLASH_HOME", home.resolve("gui-home").toString());
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), true); // a terminal the GUI's host must not use
        DataHome dataHome = DataHomes.resolve(env);
        Clock clock = Clock.systemUTC();
        RunLog log = new RunLog(dataHome.home(), clock, new String[]{"gui"}, () -> false, UnaryOperator.identity(), m -> { });
        return new CliGuiHost(new AppContext(t, env, new GlobalOptions(), clock, UnaryOperator.identity(), log, dataHome,
                List.of("gui")), List.of(DRIVE));
    }
}
