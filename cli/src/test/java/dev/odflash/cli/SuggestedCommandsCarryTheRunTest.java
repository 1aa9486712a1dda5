package dev.odflash.cli;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static dev.odflash.cli.ShellPaste.after;
import static dev.odflash.cli.ShellPaste.line;
import static dev.odflash.cli.ShellPaste.plus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.stream.Stream;

/**
 * Every suggested command carries what the run needed and pastes as printed (README "Commands"): the
 * "To finish:" of a later `status` gives every option the interrupted flash was given (its journal records
 * them; an older journal without them still gets the suggesting run's), a refusal prints the whole command
 * that passes its gate, the interrupt line is built by the same builder, and core names next steps as facts
 * the CLI spells as commands to paste.
 */
class SuggestedCommandsCarryTheRunTest {
    @TempDir
    Path home;
    @TempDir
    Path tmp;
    private Path dir;
    private ShellPaste shell;
    private Path flash;
    private String device;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectory(tmp.resolve("my drive's files"));
        shell = new ShellPaste(tmp, home);
        flash = write(dir, "flash.bin", image("1.10"));
        device = "emu:asus-crw-5224a?image=" + flash;
    }

    private Path chipDb() throws IOException {
        ShellPaste.Result chips = shell.run("chips", "--json");
        assertThat(chips.code()).as(chips.toString()).isZero();
        return Files.writeString(dir.resolve("my chips.json"), chips.out());
    }

    private Path onlyJournal() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("journals"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    @Test
    void toFinishCarriesEveryOptionTheInterruptedFlashWasGivenEvenWhenStatusIsRunWithoutThem() throws Exception {
        Path db = chipDb();
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        ShellPaste.Result cut = shell.run("flash", "--device", device + "&fault=powerloss@erase:5,seed=7", v120.toString(),
                "--yes", "--include-boot", "--chip-db", db.toString(), "--mt19xx-variant", "freemkv");
        assertThat(cut.code()).as(cut.toString()).isEqualTo(3);
        JsonNode journal = new ObjectMapper().readTree(Files.readString(onlyJournal()));
        assertThat(journal.path("given").toString()).contains("chip-db").contains("mt19xx-variant").contains("include-boot");

        ShellPaste.Result status = shell.run("status", "--device", device); // none of the flash's options
        assertThat(status.code()).as(status.toString()).isEqualTo(5);
        List<String> intended = List.of("flash", "--device", device, "--chip-db", db.toString(), "--mt19xx-variant",
                "freemkv", "--include-boot", v120.toString());
        List<String> argv = shell.pastedEverywhere(line(status.out(), "  To finish: "), intended);
        ShellPaste.Result json = shell.run("status", "--device", device, "--json");
        assertThat(new ObjectMapper().readTree(json.out()).path("verdict").path("finish").asText())
                .isEqualTo(line(status.out(), "  To finish: "));

        ShellPaste.Result finished = shell.run(plus(argv, "--yes")); // the hint, run for real
        assertThat(finished.code()).as(finished.toString()).isZero();
        assertThat(finished.out()).contains("resumed an interrupted flash");
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
    }

    @Test
    void aJournalWrittenBeforeChoicesWereRecordedStillFinishesWithTheSuggestingRunsOptions() throws Exception {
        Path db = chipDb();
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        ShellPaste.Result cut = shell.run("flash", "--device", device + "&fault=powerloss@erase:5,seed=7", v120.toString(),
                "--yes", "--chip-db", db.toString());
        assertThat(cut.code()).as(cut.toString()).isEqualTo(3);
        Path journal = onlyJournal();
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(Files.readString(journal));
        old.remove("given"); // as an older odflash wrote it
        Files.writeString(journal, old.toString());

        ShellPaste.Result status = shell.run("status", "--device", device, "--chip-db", db.toString());
        assertThat(status.code()).as(status.toString()).isEqualTo(5);
        shell.pastedEverywhere(line(status.out(), "  To finish: "),
                List.of("flash", "--device", device, "--chip-db", db.toString(), v120.toString()));
    }

    /** Runs a refused command with a trace; checks nothing was written and returns the command that passes. */
    private List<String> refusedAndItsRetry(List<String> args, String flagAdded) throws Exception {
        byte[] before = Files.readAllBytes(flash);
        Path trace = tmp.resolve("t" + System.nanoTime() + ".jsonl");
        ShellPaste.Result r = shell.run(plus(args, "--trace", trace.toString()));
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(FlashFixtures.noWriteCommand(trace)).as("the emulator saw no erase or program").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
        String hint = after(r.err(), "The command that passes this gate: ");
        // the same command as given (its trace file is one run's, so it is left out) with the override
        List<String> intended = flagAdded == null ? args : plus(args, flagAdded);
        return shell.pastedEverywhere(hint, intended);
    }

    @Test
    void aRefusedDowngradePrintsTheWholeCommandThatPassesItsGateAndItWorks() throws Exception {
        Path v100 = write(dir, "1.00.bin", image("1.00"));
        List<String> retry = refusedAndItsRetry(List.of("flash", "--device", device, v100.toString(), "--yes"),
                "--allow-older");
        ShellPaste.Result real = shell.run(retry);
        assertThat(real.code()).as(real.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.00"));
    }

    @Test
    void aRefusedReinstallAndATerminalLessRunEachPrintTheirOverride() throws Exception {
        Path same = write(dir, "1.10.bin", image("1.10"));
        refusedAndItsRetry(List.of("flash", "--device", device, same.toString(), "--yes"), "--allow-reinstall");

        Path v120 = write(dir, "1.20.bin", image("1.20"));
        List<String> retry = refusedAndItsRetry(List.of("flash", "--device", device, v120.toString()), "--yes");
        ShellPaste.Result real = shell.run(retry);
        assertThat(real.code()).as(real.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
    }

    @Test
    void aBackupThatIsNotTheDrivesIsLeftOutOfTheCommandThatPasses() throws Exception {
        Path other = write(dir, "not this drive.bin", image("1.35"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        List<String> args = List.of("flash", "--device", device, "--backup", other.toString(), v120.toString(), "--yes");
        byte[] before = Files.readAllBytes(flash);
        Path trace = tmp.resolve("t.jsonl");
        ShellPaste.Result r = shell.run(plus(args, "--trace", trace.toString()));
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(FlashFixtures.noWriteCommand(trace)).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
        List<String> retry = shell.pastedEverywhere(after(r.err(), "The command that passes this gate: "),
                List.of("flash", "--device", device, v120.toString(), "--yes"));
        ShellPaste.Result json = shell.run(plus(args, "--json"));
        String jsonRetry = new ObjectMapper().readTree(json.out()).path("error").path("refusal").path("retry").asText();
        shell.pastedEverywhere(jsonRetry, List.of("flash", "--device", device, v120.toString(), "--yes", "--json"));
        assertThat(shell.run(retry).code()).isZero();
    }

    @Test
    void theInterruptLineIsBuiltLikeEveryOtherSuggestionWithoutTheTestHookOrTheTrace() throws Exception {
        shell.env.put(SuggestedCommand.PROGRAM_ENV, "./odflash");
        Path v135 = write(dir, "1.35 new.bin", image("1.35"));
        List<String> args = List.of("flash", "--device", device, v135.toString(), "--yes");
        // where the first program lands: a reference run of the same flash on a copy of the drive
        Path refFlash = write(tmp, "ref.bin", image("1.10"));
        Path refTrace = tmp.resolve("ref.jsonl");
        ShellPaste ref = new ShellPaste(tmp.resolve("ref"), Files.createDirectories(tmp.resolve("ref-home")));
        ShellPaste.Result ok = ref.run("flash", "--device", "emu:asus-crw-5224a?image=" + refFlash, v135.toString(),
                "--yes", "--trace", refTrace.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        int program = firstCommand(refTrace, "program");

        ShellPaste.Result cut = shell.run(plus(args, "--interrupt-at-command", String.valueOf(program + 2),
                "--trace", tmp.resolve("cut.jsonl").toString()));
        assertThat(cut.code()).as(cut.toString()).isEqualTo(130);
        String hint = cut.err().lines().filter(l -> l.contains("to resume run: ")).findFirst().orElseThrow()
                .replaceAll("^.*to resume run: ", "");
        assertThat(hint).startsWith("./odflash flash ");
        shell.pastedEverywhere(hint.replaceFirst("^\\./odflash ", "odflash "), args);
    }

    private static int firstCommand(Path trace, String op) throws IOException {
        List<String> all = new ArrayList<>();
        for (String l : Files.readAllLines(trace)) {
            JsonNode n = new ObjectMapper().readTree(l);
            all.add(n.has("cdb") ? n.path("cdb").asText() : n.path("op").asText());
        }
        int i = all.indexOf(op);
        assertThat(i).as("a " + op + " in " + trace).isNotNegative();
        return i + 1;
    }

    @Test
    void aFailedWriteNamesItsNextStepsAsCommandsToPasteAndAsTypedJsonFields() throws Exception {
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        String cutDevice = device + "&fault=powerloss@erase:5,seed=7";
        ShellPaste.Result cut = shell.run("flash", "--device", cutDevice, v120.toString(), "--yes", "--json");
        assertThat(cut.code()).as(cut.toString()).isEqualTo(3);
        JsonNode error = new ObjectMapper().readTree(cut.out()).path("error");
        List<String> steps = new ArrayList<>();
        error.path("nextSteps").forEach(s -> steps.add(s.path("step").asText()));
        assertThat(steps).containsExactly("rerun", "status");
        shell.pastedEverywhere(error.path("nextSteps").get(0).path("command").asText(),
                List.of("flash", "--device", cutDevice, v120.toString(), "--yes", "--json"));
        String status = error.path("nextSteps").get(1).path("command").asText();
        shell.pastedEverywhere(status, List.of("status", "--device", cutDevice));
        assertThat(error.path("message").asText()).contains("`" + status + "` shows what the drive holds")
                .doesNotContain("{next:");
    }

    @Test
    void noCoreTextNamesACliCommand() {
        Path repo = Files.isDirectory(Path.of("../core/src/main/java")) ? Path.of("..") : Path.of(".");
        Pattern command = Pattern.compile("`odflash |odflash (status|info|doctor|chips|journal|convert|flash|restore)\\b"
                + "|run the same (command|flash) again");
        List<String> found = new ArrayList<>();
        ArchitectureRules.mainSources(repo, "core").forEach((file, src) -> {
            for (String literal : ArchitectureRules.lex(src).literals()) {
                Matcher m = command.matcher(literal);
                if (m.find()) {
                    found.add(file + ": \"" + literal + "\"");
                }
            }
        });
        assertThat(found).as("core returns a NextStep; the CLI words it").isEmpty();
    }
}
