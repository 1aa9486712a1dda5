package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line naming a command builds that command alone, and reads exactly as it does in the whole tree. */
class CommandTreeTest {
    @TempDir
    Path home;

    @Test
    void aLineNamingACommandNeedsThatCommandOnly() {
        assertEquals(List.of("info"), CommandTree.needed(new String[]{"info", "--device", "emu:asus-crw-5224a"}));
        assertEquals(List.of("emu"), CommandTree.needed(new String[]{"emu", "firmware", "--help"}));
    }

    @Test
    void helpInstallFilesAndLinesWithoutACommandNeedTheWholeTree() {
        List<String> whole = CommandTree.needed(new String[0]);
        assertTrue(whole.containsAll(List.of("list", "info", "backup", "flash", "emu", "journal", "library", "help")), whole.toString());
        for (String[] line : List.of(new String[]{"help", "info"}, new String[]{"completion", "bash"},
                new String[]{"__complete", "devices"}, new String[]{"__man", "out"}, new String[]{"--json", "info"},
                new String[]{"infoo"})) {
            assertEquals(whole, CommandTree.needed(line), String.join(" ", line));
        }
    }

    /** `help CMD` reads the command from the whole tree, `CMD --help` from the tree of that command alone. */
    @ParameterizedTest
    @ValueSource(strings = {"list", "info", "backup", "flash", "restore", "status", "verify", "identify", "convert",
        "extract", "chips", "doctor", "report", "emu", "journal", "library", "demo", "gui"})
    void aCommandsHelpReadsAsInTheWholeTree(String command) {
        CliRunner.Run whole = new CliRunner(home).run("help", command);
        CliRunner.Run alone = new CliRunner(home).run(command, "--help");
        assertEquals(0, whole.exitCode(), whole.toString());
        assertEquals(whole.out(), alone.out());
    }

    /** A leading root option (--quiet) gives the whole tree: the same mistakes read the same in both (no positional
     * mistakes: the added word shifts the index picocli names). */
    @ParameterizedTest
    @ValueSource(strings = {"info --devce emu:asus-crw-5224a", "info --device",
        "emu frimware", "chips --jsn", "backup --device emu:asus-crw-5224a --output"})
    void aUsageErrorReadsAsInTheWholeTree(String line) {
        String[] words = line.split(" ");
        String[] quiet = new String[words.length + 1];
        quiet[0] = "--quiet";
        System.arraycopy(words, 0, quiet, 1, words.length);
        CliRunner.Run alone = new CliRunner(home).run(words);
        CliRunner.Run whole = new CliRunner(home).run(quiet);
        assertEquals(ExitCode.USAGE.code(), alone.exitCode(), alone.toString());
        assertEquals(whole.exitCode(), alone.exitCode());
        assertEquals(whole.err(), alone.err());
    }
}
