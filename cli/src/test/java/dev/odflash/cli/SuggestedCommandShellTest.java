package dev.odflash.cli;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.odflash.cli.ShellPaste.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every command odflash suggests pastes and works (README "Commands"): each hint the common cases print
 * is run by bash and by zsh with a stub `odflash` on PATH that records its argv, which must be exactly
 * the intended command line; a few are then run for real. The paths hold a space and a quote, and the
 * device specs a '?' and '&', so an unquoted word shows up as a split, a background job or a glob error.
 */
class SuggestedCommandShellTest {
    @TempDir
    Path home;
    @TempDir
    Path tmp;
    private Path dir;
    private ShellPaste shell;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectory(tmp.resolve("my drive's files"));
        shell = new ShellPaste(tmp, home);
    }

    @Test
    void toFinishCarriesTheChipTheInterruptedRunNeededAndPastesIntoBashAndZsh() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        String device = "emu:asus-crw-5224a?chip=unknown&image=" + flash;
        Result cut = run("flash", "--device", device + "&fault=powerloss@erase:5,seed=7", "--chip", "SST39SF040",
                v120.toString(), "--yes");
        assertThat(cut.code()).as(cut.toString()).isEqualTo(3);

        Result status = run("status", "--device", device, "--chip", "SST39SF040");
        assertThat(status.code()).as(status.toString()).isEqualTo(5);
        String hint = line(status.out(), "  To finish: ");
        List<String> intended = List.of("flash", "--device", device, "--chip", "SST39SF040", v120.toString());
        List<String> argv = pastedEverywhere(hint, intended);

        Result resumed = run(argv.toArray(String[]::new)); // the hint, run for real (a terminal-less resume needs --yes)
        assertThat(resumed.code()).as("a terminal-less run of the hint is refused at confirmation: " + resumed)
                .isEqualTo(4);
        List<String> withYes = new ArrayList<>(argv);
        withYes.add("--yes");
        Result finished = run(withYes.toArray(String[]::new));
        assertThat(finished.code()).as(finished.toString()).isZero();
        assertThat(finished.out()).contains("resumed an interrupted flash");
    }

    @Test
    void adoptAndDiscardHintsOfStatusAndOfTheRefusedFlashPaste() throws Exception {
        Path first = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        Result cut = run("flash", "--device", "emu:asus-crw-5224a?image=" + first + "&fault=powerloss@erase:5,seed=7",
                v120.toString(), "--yes");
        assertThat(cut.code()).as(cut.toString()).isEqualTo(3);
        String key = keyOfTheOnlyJournal();
        String other = "emu:asus-crw-5224a?image=" + dir.resolve("other.bin");

        Result refused = run("flash", "--device", other, write(dir, "1.35.bin", image("1.35")).toString(), "--yes");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(4);
        List<String> hints = backticked(refused.err());
        pastedEverywhere(hints.stream().filter(h -> h.contains(" adopt ")).findFirst().orElseThrow(),
                List.of("journal", "adopt", "--device", other, "--key", key));
        pastedEverywhere(hints.stream().filter(h -> h.contains(" discard ")).findFirst().orElseThrow(),
                List.of("journal", "discard", key));

        Result status = run("status", "--device", other);
        pastedEverywhere(line(status.out(), "  Adopt or discard: the same unit: "),
                List.of("journal", "adopt", "--device", other, "--key", key));
        pastedEverywhere(line(status.out(), "                    another unit:  "), List.of("journal", "discard", key));
    }

    @Test
    void listAndDemoStepsPasteAndRunForReal() throws Exception {
        Result list = run("list", "--sysfs", tmp.resolve("no-sysfs").toString());
        List<String> tryArgv = pastedEverywhere(line(list.out(), "Try: "), List.of("info", "--device", "emu:asus-crw-5224a"));
        assertThat(run(tryArgv.toArray(String[]::new)).code()).isZero();

        Path work = dir.resolve("demo");
        Result demo = run("demo", "--dir", work.toString());
        assertThat(demo.code()).as(demo.toString()).isZero();
        String device = "emu:asus-crw-5224a?image=" + work.resolve("emulated-flash.bin");
        Matcher m = Pattern.compile("(?m)^   \\$ (.*)$").matcher(demo.out());
        List<String> steps = new ArrayList<>();
        while (m.find()) {
            steps.add(m.group(1));
        }
        assertThat(steps).hasSize(4);
        pastedEverywhere(steps.get(0), List.of("list"));
        List<String> info = pastedEverywhere(steps.get(1), List.of("info", "--device", device));
        pastedEverywhere(steps.get(2), List.of("backup", "--device", device, "-o",
                work.resolve("crw-5224a-backup.bin").toString()));
        pastedEverywhere(steps.get(3), List.of("identify", work.resolve("crw-5224a-backup.bin").toString()));
        Result real = run(info.toArray(String[]::new));
        assertThat(real.code()).as(real.toString()).isZero();
    }

    @Test
    void theProgramIsNamedAsTheLauncherWasInvoked() throws Exception {
        shell.env.put(SuggestedCommand.PROGRAM_ENV, "./odflash");
        Result list = run("list", "--sysfs", tmp.resolve("no-sysfs").toString());
        String hint = line(list.out(), "Try: ");
        assertThat(hint).startsWith("./odflash ");
        for (String sh : ShellPaste.SHELLS) { // pasted where the launcher is: ./odflash is the stub there
            assertThat(shell.argvOf(sh, hint, shell.bin())).containsExactly("info", "--device", "emu:asus-crw-5224a");
        }
        Result badDevice = run("info", "--device", "/dev/sg-none");
        assertThat(badDevice.err()).doesNotContain("`odflash ");
    }

    @Test
    void quotingKeepsEveryWordWhole() throws Exception {
        List<String> words = List.of("emu:x?a=1&b=2", "it's", "=zsh", "~user", "a b", "$HOME", "*", "", "--size", "0x80000",
                "!x", "back`tick`", "semi;colon", "ünï");
        SuggestedCommand c = SuggestedCommand.of("info").args(words);
        pastedEverywhere(c.toString(), ShellPaste.plus(List.of("info"), words.toArray(String[]::new)));
        assertThat(SuggestedCommand.quote("emu:asus-crw-5224a")).isEqualTo("emu:asus-crw-5224a");
        assertThat(SuggestedCommand.quote("--device")).isEqualTo("--device");
    }

    // ---- helpers (the shells, the stub and the in-process runs are ShellPaste's)

    private Result run(String... args) {
        return shell.run(args);
    }

    private List<String> pastedEverywhere(String hint, List<String> intended) throws Exception {
        return shell.pastedEverywhere(hint, intended);
    }

    private String keyOfTheOnlyJournal() throws IOException {
        Result list = run("journal", "list", "--json");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out()).path("journals").get(0).path("key").asText();
    }

    private static String line(String text, String prefix) {
        return ShellPaste.line(text, prefix);
    }

    /** The `...` spans of a message that hold a command. */
    private static List<String> backticked(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("`(odflash [^`]*)`").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
