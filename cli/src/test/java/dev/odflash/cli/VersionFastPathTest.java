package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare `odflash --version` is answered before the command tree is built and the data home resolved
 * (issue 18's start-up target), and says exactly what picocli says for it through the full tree.
 */
class VersionFastPathTest {
    @TempDir
    Path home;

    @Test
    void onlyABareVersionRequestTakesTheFastPath() {
        assertThat(VersionFastPath.applies(new String[]{"--version"})).isTrue();
        assertThat(VersionFastPath.applies(new String[]{"-V"})).isTrue();
        assertThat(VersionFastPath.applies(new String[]{})).isFalse();
        assertThat(VersionFastPath.applies(new String[]{"--version", "--json"})).isFalse();
        assertThat(VersionFastPath.applies(new String[]{"emu", "firmware", "--version"})).isFalse();
        assertThat(VersionFastPath.applies(new String[]{"--versions"})).isFalse();
    }

    @Test
    void theFastPathPrintsWhatPicocliPrintsThroughTheTree() {
        CliRunner cli = new CliRunner(home);
        CliRunner.Run fast = cli.run("--version");
        CliRunner.Run tree = cli.run("--debug", "--version"); // two arguments: picocli parses and answers
        assertThat(fast.exitCode()).isZero();
        assertThat(tree.exitCode()).isZero();
        assertThat(fast.out()).startsWith("odflash ").isEqualTo(tree.out());
        assertThat(fast.err()).isEqualTo(tree.err()).isEmpty();
        assertThat(cli.run("-V").out()).isEqualTo(tree.out());
    }

    @Test
    void theFastPathResolvesNoDataHome() throws Exception {
        // a sudo run whose account is not in the password database: resolving the data home warns,
        // so the warning's absence shows that --version never resolved it
        Path passwd = Files.writeString(home.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Map<String, String> env = Map.of("HOME", home.toString(), "SUDO_USER", "nobody-here", "SUDO_UID", "4242",
                "SUDO_GID", "4242", "ODFLASH_HOME", home.resolve("h").toString());
        String fast = errOf(passwd, env, "--version");
        String tree = errOf(passwd, env, "--debug", "--version");
        assertThat(tree).as("the full path resolves the data home and warns").contains("not in the password database");
        assertThat(fast).isEmpty();
    }

    private static String errOf(Path passwd, Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), false);
        int code = ScopedValue.where(DataHomes.EUID, 0).where(DataHomes.PASSWD, passwd).call(() -> Cli.run(args, t, env));
        assertThat(code).isZero();
        return err.toString(StandardCharsets.UTF_8);
    }
}
