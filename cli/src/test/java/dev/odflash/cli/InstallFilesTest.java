package dev.odflash.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The files the package installs from the command model (issue 18): one man page per command
 * (`__man`), the bash/zsh completion script (`completion`) and its value source (`__complete`), and
 * the completion script run by a real bash against those values.
 */
class InstallFilesTest {
    @TempDir
    Path home;

    private CliRunner cli() {
        return new CliRunner(home);
    }

    @Test
    void onePagePerVisibleCommandNoneForHiddenOnes() throws IOException {
        Path dir = Files.createDirectory(home.resolve("man1"));
        CliRunner.Run run = cli().run("__man", dir.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> names;
        try (var s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).contains("odflash.1", "odflash-info.1", "odflash-flash.1", "odflash-emu-firmware.1",
                "odflash-journal-adopt.1", "odflash-library-prune.1", "odflash-completion.1", "odflash-help.1");
        assertThat(names).noneMatch(n -> n.contains("__"));
        // as many pages as `odflash --help` and the groups' --help list commands, plus the root's own page
        int listed = commandsListed(cli().run("--help").out());
        for (String group : List.of("emu", "journal", "library")) {
            listed += commandsListed(cli().run(group, "--help").out());
        }
        assertThat(names).hasSize(listed + 1);
    }

    /** Counts the lines of the "Commands:" block of a --help text. */
    private static int commandsListed(String help) {
        int count = 0;
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in && line.matches("  \\S.*")) {
                count++;
            }
        }
        return count;
    }

    @Test
    void pagesAreWellFormedRoffWithTheCommandsOptionsAndExitCodes() throws IOException {
        Path dir = Files.createDirectory(home.resolve("man1"));
        assertThat(cli().run("__man", dir.toString()).exitCode()).isZero();
        String info = Files.readString(dir.resolve("odflash-info.1"));
        assertThat(info).startsWith(".\\\"").contains(".TH \"ODFLASH\\-INFO\" 1 ", "\n.SH NAME\nodflash\\-info \\- ")
                .contains(".SH SYNOPSIS", ".SH OPTIONS", "\\fB\\-d\\fR, \\fB\\-\\-device\\fR=\\fISPEC\\fR", ".SH EXIT STATUS",
                        "\n130\n", ".SH EXAMPLES", ".SH SEE ALSO\nodflash(1)");
        String root = Files.readString(dir.resolve("odflash.1"));
        assertThat(root).contains(".SH COMMANDS", "\\fBflash\\fR", "\\fBemu\\fR", "odflash\\-flash(1)");
        assertThat(root).doesNotContain("__complete", "__man");
        assertThat(Files.readString(dir.resolve("odflash-emu-firmware.1"))).contains(".SH SEE ALSO\nodflash\\-emu(1), odflash(1)");
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                for (String line : Files.readAllLines(p)) {
                    // a text line that starts with a dot or quote would be read as a roff request
                    if (line.startsWith(".") || line.startsWith("'")) {
                        assertThat(line).as(p + ": " + line).matches("\\.(\\\\\" .*|TH .*|SH .*|PP|TP|nf|fi)");
                    }
                    assertThat(line).as(p + ": raw backslash escape").doesNotMatch(".*\\\\[^efB&IR(\\-\" ].*");
                }
            }
        }
    }

    @Test
    void existingPagesAndLinksAreNeverOverwritten() throws IOException {
        Path dir = Files.createDirectory(home.resolve("man1"));
        Path victim = Files.writeString(home.resolve("victim"), "keep");
        Files.createSymbolicLink(dir.resolve("odflash-list.1"), victim);
        CliRunner.Run run = cli().run("__man", dir.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("not overwriting");
        assertThat(Files.readString(victim)).isEqualTo("keep");
        assertThat(cli().run("__man", home.resolve("missing").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void completeListsEveryEmulatedProfileAsSpecAndName() {
        JsonNode profiles = cli().run("emu", "profiles", "--json").json().get("profiles");
        List<String> names = new ArrayList<>();
        profiles.forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).isNotEmpty();
        assertThat(cli().run("__complete", "profiles").out().lines().toList()).containsExactlyElementsOf(names);
        List<String> devices = cli().run("__complete", "devices", "--sysfs", home.resolve("nosys").toString()).out().lines().toList();
        assertThat(devices).containsExactlyElementsOf(names.stream().map(n -> "emu:" + n).toList());
        assertThat(cli().run("__complete", "drives").exitCode()).isEqualTo(2);
        assertThat(cli().run("--help").out()).doesNotContain("__complete", "__man").contains("completion");
    }

    @Test
    void completionScriptsCarryTheDynamicValuesAndParse() throws Exception {
        CliRunner.Run bash = cli().run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F _odflash_complete -o default odflash", "__complete \"$kind\"");
        CliRunner.Run zsh = cli().run("completion", "zsh");
        assertThat(zsh.out()).startsWith("#compdef odflash\n").endsWith("_bash_complete -o default -F _odflash_complete\n");
        assertThat(cli().run("completion", "fish").exitCode()).isEqualTo(2);
        Path z = Files.writeString(home.resolve("_odflash"), zsh.out());
        assertThat(shell(List.of("zsh", "-n", z.toString()), "").exitCode).as("zsh -n").isZero();
    }

    @Test
    void bashCompletesDeviceSpecsAcrossTheColonProfilesAndCommands() throws Exception {
        Path script = Files.writeString(home.resolve("odflash.bash"), cli().run("completion", "bash").out());
        // the program bash asks for values: prints what the in-process `__complete` printed
        Path stub = home.resolve("odflash-stub");
        Files.writeString(stub, "#!/bin/sh\ncase $2 in devices) cat <<'E'\n"
                + cli().run("__complete", "devices", "--sysfs", home.resolve("nosys").toString()).out()
                + "E\n;; profiles) cat <<'E'\n" + cli().run("__complete", "profiles").out() + "E\n;; esac\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
        // COMP_WORDS as bash splits `odflash info --device emu:asus-` (COMP_WORDBREAKS has ':')
        String device = complete(script, stub, "info --device emu : asus-");
        assertThat(device.lines().toList()).containsExactlyInAnyOrder("asus-crw-5224a", "asus-bw16d1ht");
        assertThat(complete(script, stub, "backup -d emu :").lines().toList()).contains("btc-drw1008", "asus-crw-5224a");
        assertThat(complete(script, stub, "info --device e").lines().toList()).contains("emu:asus-crw-5224a");
        assertThat(complete(script, stub, "emu firmware --profile samsung-s").lines().toList())
                .containsExactlyInAnyOrder("samsung-sd616f", "samsung-se506cb");
        assertThat(complete(script, stub, "inf").lines().toList()).containsExactly("info");
        assertThat(complete(script, stub, "info --dev").lines().toList()).contains("--device");
    }

    /** Runs the completion function with COMP_WORDS as bash splits WORDS (the last one is being typed). */
    private String complete(Path script, Path stub, String words) throws Exception {
        String[] parts = words.split(" ");
        StringBuilder quoted = new StringBuilder("'" + stub + "'");
        for (String w : parts) {
            quoted.append(" '").append(w).append('\'');
        }
        String program = "source '" + script + "'\nCOMP_WORDS=(" + quoted + ")\nCOMP_CWORD=" + parts.length + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "_odflash_complete; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Result r = shell(List.of("bash", "--norc", "--noprofile"), program);
        assertThat(r.exitCode).as(r.err).isZero();
        return r.out;
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result shell(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }
}
