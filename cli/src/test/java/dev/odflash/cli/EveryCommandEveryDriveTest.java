package dev.odflash.cli;

import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §8: every command that takes a drive answers on every emulated profile, plain and with
 * quirks and faults, with a defined exit code (0, 2, 3, 4, 5): never 1, never a stack trace.
 */
class EveryCommandEveryDriveTest {
    /** Stands for {@code image=FILE}: the drive's flash kept in a file of the test's directory. */
    static final String IMAGE = "image";
    static final List<String> QUIRKS = List.of("", "bridge=drop-vendor", "chip=unknown", "medium=present",
            "fault=timeout@cmd:3", "fault=powerloss@cmd:5", IMAGE);

    @TempDir
    Path home;
    @TempDir
    Path dir;

    static Stream<Arguments> drives() {
        List<Arguments> out = new ArrayList<>();
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            for (String q : QUIRKS) {
                out.add(Arguments.of(p.name(), q));
            }
        }
        return out.stream();
    }

    private static byte[] newest(EmulatorProfile p) {
        String v = p.versions().getLast();
        return p.family().chipStyle() ? Mtk8051Firmware.generate(p.vendor(), p.product(), v,
                (int) dev.odflash.chip.ChipTable.builtIn().byName(p.defaultChip()).orElseThrow().size())
                : DownloadFirmware.image(p, v);
    }

    private static void defined(CliRunner.Run r, String what) {
        assertThat(r.exitCode()).as(what + "\n" + r).isIn(0, 2, 3, 4, 5);
        assertThat(r.out() + r.err()).as(what + "\n" + r).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("drives")
    void everyCommandAnswers(String profile, String quirk) throws IOException {
        EmulatorProfile p = EmulatorProfiles.byName(profile).orElseThrow();
        Path image = Files.write(dir.resolve("new.bin"), newest(p));
        String q = quirk.equals(IMAGE) ? "image=" + dir.resolve("drive.bin") : quirk;
        answersEveryCommand("emu:" + profile + (q.isEmpty() ? "" : "?" + q), image);
    }

    /** A trace of `info` played back: every command answers, also where the trace runs out or diverges. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyCommandAnswersOnAReplayedTrace(String profile) throws IOException {
        EmulatorProfile p = EmulatorProfiles.byName(profile).orElseThrow();
        Path image = Files.write(dir.resolve("new.bin"), newest(p));
        Path trace = dir.resolve("info.jsonl");
        CliRunner.Run recorded = new CliRunner(home).run("info", "--device", "emu:" + profile, "--trace", trace.toString());
        assertThat(recorded.exitCode()).as(recorded.toString()).isZero();
        answersEveryCommand("replay:" + trace, image);
    }

    static Stream<String> profiles() {
        return EmulatorProfiles.all().stream().map(EmulatorProfile::name);
    }

    private void answersEveryCommand(String spec, Path image) {
        List<String[]> commands = List.of(
                new String[]{"info", "--device", spec},
                new String[]{"backup", "--device", spec},
                new String[]{"status", "--device", spec},
                new String[]{"verify", "--device", spec, image.toString()},
                new String[]{"flash", "--device", spec, image.toString(), "--dry-run"},
                new String[]{"flash", "--device", spec, image.toString(), "--yes"},
                new String[]{"flash", "--device", spec, image.toString(), "--yes", "--without-backup"},
                new String[]{"restore", "--device", spec, "--yes"},
                new String[]{"identify", image.toString(), "--device", spec},
                new String[]{"doctor", "--device", spec},
                new String[]{"journal", "adopt", "--device", spec});
        CliRunner cli = new CliRunner(home);
        for (String[] c : commands) {
            String what = String.join(" ", c);
            defined(cli.run(c), what);
            String[] json = java.util.Arrays.copyOf(c, c.length + 1);
            json[c.length] = "--json";
            CliRunner.Run j = cli.run(json);
            defined(j, what + " --json");
            j.json();
        }
    }

    @Test
    void theCommandsWithoutADriveAnswerToo() {
        CliRunner cli = new CliRunner(home);
        for (String[] c : List.of(new String[]{"list"}, new String[]{"emu", "profiles"}, new String[]{"chips"},
                new String[]{"doctor"}, new String[]{"journal", "list"}, new String[]{"journal", "list", "--json"},
                new String[]{"journal", "discard", "no-such-key", "--yes"}, new String[]{"journal", "discard", "../x"},
                new String[]{"journal", "discard", "no-such-key"})) {
            defined(cli.run(c), String.join(" ", c));
        }
    }

    @Test
    void statusOfADriveWithNoReadPathRestsOnItsIdentity() {
        CliRunner cli = new CliRunner(home);
        for (String profile : List.of("btc-drw1008", "tsst-ts-h353c", "samsung-sd616f", "samsung-se506cb")) {
            CliRunner.Run r = cli.run("status", "--device", "emu:" + profile, "--json");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.json().path("basis").asText()).isEqualTo("identity");
            CliRunner.Run t = cli.run("status", "--device", "emu:" + profile);
            assertThat(t.out()).contains("(identity only; the contents cannot be read").contains("Running ");
        }
        CliRunner.Run read = cli.run("status", "--device", "emu:asus-bw16d1ht", "--json");
        assertThat(read.json().path("basis").asText()).as(read.toString()).isEqualTo("contents");
        assertThat(read.exitCode()).as("the unit's factory flash is a known image").isZero();
    }
}
