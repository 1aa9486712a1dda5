package dev.odflash.cli;

import dev.odflash.ops.DataHome;
import dev.odflash.ops.OdflashException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GUI's "Save report..." through its host seam writes the same archive as `odflash report`: the same
 * entries under the same default name, the drive untouched, and an existing file never overwritten.
 */
class CliGuiHostReportTest {
    private static final Clock AT = Clock.fixed(Instant.parse("2026-12-02T06:30:05Z"), ZoneOffset.UTC);
    private static final String DRIVE = "emu:asus-crw-5224a";
    private static final String NAME = "odflash-report-ASUS_CRW-5224A-20261202T063005Z.zip";
    @TempDir
    Path home;
    @TempDir
    Path gui;
    @TempDir
    Path cli;

    @Test
    void theGuiHostWritesTheArchiveTheReportCommandWrites() throws Exception {
        Path written = host().saveReport(DRIVE, gui);
        assertThat(written).isEqualTo(gui.resolve(NAME));

        CliRunner.Run r = new CliRunner(home.resolve("cli-home")).run(AT, "report", "--device", DRIVE, "-o", cli.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> viaCli = entries(cli.resolve(NAME));
        assertThat(viaCli).contains("info.json", "doctor.json", "trace-info.jsonl", "trace-doctor.jsonl");
        assertThat(entries(written)).isEqualTo(viaCli.stream().filter(n -> !n.startsWith("logs/")).toList());
        assertThat(read(written, "info.json")).contains("\"CRW-5224A\"");
    }

    @Test
    void aReportIsNeverWrittenOverAFileAndAMissingDirectoryIsRefused() throws Exception {
        Path taken = gui.resolve(NAME);
        Files.writeString(taken, "mine");
        Path second = host().saveReport(DRIVE, gui);
        assertThat(second.getFileName().toString()).isEqualTo(NAME.replace(".zip", "-2.zip"));
        assertThat(Files.readString(taken)).isEqualTo("mine");
        assertThatThrownBy(() -> host().saveReport(DRIVE, gui.resolve("absent")))
                .isInstanceOf(OdflashException.class).hasMessageContaining("does not exist");
    }

    /** The host `odflash gui` builds, on a context like a run's (no command line options). */
    private CliGuiHost host() {
        Map<String, String> env = Map.of("HOME", home.toString(), "ODFLASH_HOME", home.resolve("gui-home").toString());
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), false);
        DataHome dataHome = DataHomes.resolve(env);
        GlobalOptions options = new GlobalOptions();
        RunLog log = new RunLog(dataHome.home(), AT, new String[]{"gui"}, () -> false, UnaryOperator.identity(), m -> { });
        return new CliGuiHost(new AppContext(t, env, options, AT, UnaryOperator.identity(), log, dataHome, List.of("gui")),
                List.of(DRIVE));
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                out.add(e.getName());
            }
        }
        return out;
    }

    private static String read(Path zip, String name) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return new String(z.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }
}
