package dev.odflash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** `help`, "did you mean", the emu: profile form, and --help texts that read like other tools' (README "Commands"). */
class HelpLikeOtherToolsTest {
    private static final String[] COMMANDS = {"", "list", "info", "backup", "flash", "status", "verify", "identify",
        "convert", "extract", "chips", "doctor", "emu", "emu profiles", "emu firmware", "journal", "journal list",
        "journal adopt", "journal discard", "demo", "help"};
    private static final List<String> DRIVE_COMMANDS = List.of("info", "backup", "flash", "status", "verify", "identify",
            "doctor", "journal adopt", "restore");
    @TempDir
    Path home;

    private CliRunner cli() {
        return new CliRunner(home);
    }

    private static String[] words(String command, String... more) {
        List<String> w = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        w.addAll(List.of(more));
        return w.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "flash", "emu firmware", "journal adopt"})
    void helpCommandShowsTheSameTextAsDashDashHelp(String command) {
        CliRunner.Run help = cli().run(words("help " + command));
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).isEqualTo(cli().run(words(command, "--help")).out()).contains("Usage: odflash");
    }

    @Test
    void aMistypedCommandOptionOrProfileGetsTheNearestName() {
        CliRunner.Run command = cli().run("flsh", "--device", "emu:asus-crw-5224a", "x.bin");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("unknown command 'flsh'").contains("did you mean `flash`?");

        CliRunner.Run help = cli().run("help", "emu", "firmwar");
        assertThat(help.exitCode()).isEqualTo(2);
        assertThat(help.err()).contains("did you mean `firmware`?");

        CliRunner.Run option = cli().run("flash", "--device", "emu:asus-crw-5224a", "--dryrun", "x.bin");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("did you mean `--dry-run`?");

        CliRunner.Run device = cli().run("info", "--device", "emu:asus-crw-524a");
        assertThat(device.exitCode()).isEqualTo(2);
        assertThat(device.err()).contains("did you mean `asus-crw-5224a`?").doesNotContain("Exception");

        CliRunner.Run profile = cli().run("emu", "firmware", "--profile", "asus-crw5224a", "--version", "1.20", "-o",
                home.resolve("x.bin").toString());
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("did you mean `asus-crw-5224a`?");
    }

    @Test
    void emuFirmwareTakesTheProfileAsEmuProfilesPrintsIt() throws Exception {
        String printed = cli().run("emu", "profiles").out();
        assertThat(printed).contains("emu:asus-crw-5224a");
        Path out = home.resolve("1.20.bin");
        CliRunner.Run r = cli().run("emu", "firmware", "--profile", "emu:asus-crw-5224a", "--version", "1.20", "-o",
                out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.size(out)).isEqualTo(512 * 1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "list", "info", "backup", "flash", "status", "verify", "identify", "convert", "extract",
        "chips", "doctor", "emu", "emu profiles", "emu firmware", "journal", "journal list", "journal adopt",
        "journal discard", "demo", "help", "restore"})
    void everyHelpIsWrappedOnceHasExamplesAndListsTraceOnlyForDriveCommands(String command) {
        CliRunner.Run r = cli().run(words(command, "--help"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // picocli formats descriptions with String.format: a bare '%' makes it warn and print the raw text
        assertThat(r.err()).as("`%s --help` formats cleanly", command).doesNotContain("picocli WARN");
        List<String> lines = r.out().lines().toList();
        List<String> description = descriptionLines(lines);
        assertThat(description).as(r.out()).isNotEmpty();
        for (int i = 0; i + 1 < description.size(); i++) {
            // a line picocli had to break a second time ends short in mid-sentence, the next one going on
            String line = description.get(i);
            assertThat(line.length() >= 60 || line.endsWith(".") || line.endsWith(":"))
                    .as("ragged description line in `%s --help`: '%s'", command, line).isTrue();
        }
        int examples = lines.indexOf("Examples:");
        assertThat(examples).as(r.out()).isPositive();
        assertThat(lines.get(examples + 1)).startsWith("  odflash ");
        lines.stream().filter(l -> l.startsWith("  odflash ") && l.contains("?"))
                .forEach(l -> assertThat(l).as("an example's device spec is quoted").containsPattern("'emu:[^' ]*\\?[^' ]*'"));
        boolean listsTrace = lines.stream().anyMatch(l -> l.strip().startsWith("--trace=FILE"));
        assertThat(listsTrace).as("--trace listed in `%s --help`", command).isEqualTo(DRIVE_COMMANDS.contains(command));
    }

    @Test
    void everyExampleParsesAsItsCommand() {
        for (String command : COMMANDS) {
            for (List<String> example : HelpExamples.of(command.isEmpty() ? List.of() : Arrays.asList(command.split(" ")))) {
                List<String> args = new ArrayList<>(example);
                args.add("--help"); // parsed in full (an unknown option or a missing value fails), then help, nothing run
                CliRunner.Run r = cli().run(args.toArray(String[]::new));
                assertThat(r.exitCode()).as(example + ": " + r).isZero();
            }
        }
    }

    @Test
    void traceIsStillAcceptedWhereItIsNotListed() {
        Path trace = home.resolve("chips.jsonl");
        CliRunner.Run r = cli().run("chips", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        CliRunner.Run before = cli().run("--trace", home.resolve("t2.jsonl").toString(), "emu", "profiles");
        assertThat(before.exitCode()).as(before.toString()).isZero();
    }

    /** The lines between the synopsis and the first option or parameter row. */
    private static List<String> descriptionLines(List<String> lines) {
        int i = 0;
        while (!lines.get(i).startsWith("Usage:")) {
            i++;
        }
        i++;
        while (i < lines.size() && lines.get(i).startsWith(" ")) {
            i++; // synopsis continuation
        }
        List<String> out = new ArrayList<>();
        for (; i < lines.size() && !lines.get(i).startsWith(" ") && !lines.get(i).isEmpty(); i++) {
            out.add(lines.get(i));
        }
        return out;
    }
}
