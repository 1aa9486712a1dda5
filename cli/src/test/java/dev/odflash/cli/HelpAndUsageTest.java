package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HelpAndUsageTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"", "list", "info", "backup", "flash", "restore", "status", "verify", "identify", "convert", "extract", "chips",
        "emu", "emu profiles", "emu firmware", "demo", "gui"})
    void everyCommandHasHelpWithTheExitCodeContract(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        CliRunner.Run r = new CliRunner(home).run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage:").contains("Exit codes:")
                .containsPattern("4 +refused").containsPattern("5 +mismatch").containsPattern("130 +interrupted")
                .contains("--json");
    }

    @Test
    void versionPrintsTheToolVersion() {
        CliRunner.Run r = new CliRunner(home).run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("odflash ");
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        CliRunner.Run r = new CliRunner(home).run("info", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error:").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void usageErrorWithJsonIsAJsonErrorDocument() {
        CliRunner.Run r = new CliRunner(home).run("info", "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.json().path("error").path("exitCode").asInt()).isEqualTo(2);
        assertThat(r.json().path("error").path("kind").asText()).isEqualTo("usage");
    }

    @Test
    void noSubcommandPrintsUsageAndExits2() {
        CliRunner.Run r = new CliRunner(home).run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage:");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        CliRunner.Run before = new CliRunner(home).run("--json", "chips", "SST39SF040");
        CliRunner.Run after = new CliRunner(home).run("chips", "SST39SF040", "--json");
        assertThat(before.exitCode()).isZero();
        assertThat(after.exitCode()).isZero();
        assertThat(before.json()).isEqualTo(after.json());
        assertThat(before.json().path("chips").size()).isEqualTo(1);
    }
}
