package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeded fault campaign of the safe-flashing issue, through the CLI against the emulated drive, on one
 * part of each chip-style write model the CRW-5224A can carry (SST39SF040 `byte`, MX25L4005 `page:256`,
 * W29C040 `autopage:256`): a 1.10 -> 1.20 flash cut by power loss at seeded command boundaries of its write
 * phase (those inside a chip operation's busy window leave it cut: a sector partly erased, a page partly
 * programmed, BusyWindowCutTest) and inside erases and programs, plus bit flips on reads and programs that lie. After each fault the
 * same flash runs again. Cases with a physical defect that stays ({@code worn:ADDRESS}, read noise) must end
 * where they are designed to: a block that wears out as the last one is written leaves a drive that cannot
 * finish, whose backup is written back ("restored"); one that wears out at the first write, or reads that
 * never agree, leave the drive untouched with a clear error ("failed safely"). Requirements: never "success"
 * with wrong content, never a damaged boot region, every case ends with 1.20 verified on the chip, restored
 * to 1.10 from its backup, or untouched with a clear error. Write-model violations come from the emulator's
 * counters document ({@code stats=}), never from the CLI's wording. The counts are printed (and written to
 * target/fault-campaign-PART.txt).
 */
class FaultCampaignTest {
    private static final int BOOT = 0x4000;
    /** Command boundaries sampled per part: every one of ~550 on three parts would triple the campaign's time. */
    private static final int BOUNDARIES = 130;

    enum Outcome { FINISHED, RESUMED, RESTORED, FAILED_SAFELY, PROBLEM }

    /** One case: a one-off fault, a defect present in every run (may be empty), and what it must end in (null: any good end). */
    private record Case(String fault, String defect, Outcome expected) {
        String all() {
            return fault.isEmpty() ? defect : defect.isEmpty() ? fault : fault + "," + defect;
        }
    }

    /**
     * What an undisturbed run did: its write phase's command window, erases, programs, the address it wrote
     * first and the block it started last (its last erase; on a part without erases, its last program).
     */
    private record WritePhase(int first, int last, int erases, int programs, long firstAddress, long lastBlock) {
    }

    @TempDir
    Path dir;

    private final byte[] v110 = image("1.10");
    private final byte[] v120 = image("1.20");
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private int cases;
    private int runs;
    private int bricked;
    private long violations;
    private long busyCuts;
    private int casesLeavingPartialSectors;
    private long partialSectors;
    private int designedCases;
    private final List<String> problems = new ArrayList<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SST39SF040", "MX25L4005", "W29C040"})
    void everyFaultEndsVerifiedRestoredOrUntouched(String part) throws IOException {
        Path target = write(dir, "1.20.bin", v120);
        String emu = "emu:asus-crw-5224a?chip=" + part;
        WritePhase w = writePhase(emu, target);
        List<Case> list = cases(w);
        for (Case c : list) {
            runCase(emu, target, c);
        }
        String summary = String.format("fault campaign on %s: %d cases (%d designed), %d flash runs; %d finished despite"
                        + " the fault, %d resumed, %d restored from backup, %d failed safely (clear error, drive and backup"
                        + " untouched), %d bricked; write phase commands %d-%d, %d erases, %d programs; %d faults left %d"
                        + " partly erased or programmed 4 KiB sectors (neither old, new nor blank) on the chip; %d power cuts inside a"
                        + " running erase's or program's busy window; %d write-model violations (emulator counters)", part,
                cases, designedCases, runs, count(Outcome.FINISHED), count(Outcome.RESUMED), count(Outcome.RESTORED),
                count(Outcome.FAILED_SAFELY), bricked, w.first(), w.last(), w.erases(), w.programs(),
                casesLeavingPartialSectors, partialSectors, busyCuts, violations);
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fault-campaign-" + part + ".txt"), summary + "\n" + String.join("\n", problems) + "\n");
        assertThat(problems).as(summary).isEmpty();
        assertThat(bricked).isZero();
        assertThat(violations).as("granularity violations over the whole campaign").isZero();
        // the sampled command boundaries land inside busy windows too (Data# or RDSR polls between a chip operation's
        // start and end): those cuts leave the operation cut, as on a real part (BusyWindowCutTest)
        assertThat(busyCuts).as("power cuts inside a busy window").isPositive();
        assertThat(count(Outcome.RESTORED)).as("cases restored from backup").isEqualTo(expected(list, Outcome.RESTORED)).isPositive();
        assertThat(count(Outcome.FAILED_SAFELY)).as("cases that failed safely")
                .isEqualTo(expected(list, Outcome.FAILED_SAFELY)).isPositive();
        assertThat(cases).isGreaterThan(100);
    }

    private int count(Outcome o) {
        return outcomes.getOrDefault(o, 0);
    }

    private static long expected(List<Case> list, Outcome o) {
        return list.stream().filter(c -> c.expected() == o).count();
    }

    private List<Case> cases(WritePhase w) {
        List<Case> list = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(2026);
        // power cuts at sampled command boundaries: one seeded boundary in each equal stretch, plus both ends
        int span = w.last() + 2 - w.first();
        int stride = Math.max(1, (span + BOUNDARIES - 1) / BOUNDARIES);
        List<Integer> at = new ArrayList<>(List.of(w.first(), w.last() + 1));
        for (int from = w.first(); from <= w.last() + 1; from += stride) {
            at.add(Math.min(w.last() + 1, from + seeds.nextInt(stride)));
        }
        at.stream().distinct().sorted().forEach(n -> list.add(new Case("powerloss@cmd:" + n, "", null)));
        for (int k = 1; k <= Math.min(w.erases(), 24); k++) {
            list.add(new Case("powerloss@erase:" + k + ",seed=" + seeds.nextInt(1000), "", null));
        }
        for (int i = 0; i < 24; i++) {
            list.add(new Case("powerloss@program:" + (1 + seeds.nextInt(w.programs())) + ",seed=" + seeds.nextInt(1000), "", null));
        }
        for (int i = 0; i < 6; i++) {
            list.add(new Case("lie@program:" + (1 + seeds.nextInt(w.programs())) + ",seed=" + i, "", null));
            list.add(new Case("flip:0.0000001,seed=" + (100 + i), "", null));
        }
        // defects that stay: the block started last wears out (its erase, or on an autopage part its program,
        // fails and changes nothing), so the flash cannot finish, and the backup goes back around that block
        list.add(new Case("", "worn:" + w.lastBlock(), Outcome.RESTORED));
        list.add(new Case("powerloss@cmd:" + (w.first() + span / 2), "worn:" + w.lastBlock(), Outcome.RESTORED));
        // the block written first wears out, or reads never agree: nothing is written, the drive stays as it was
        list.add(new Case("", "worn:" + w.firstAddress(), Outcome.FAILED_SAFELY));
        list.add(new Case("", "flip:0.001,seed=7", Outcome.FAILED_SAFELY));
        designedCases = (int) list.stream().filter(c -> c.expected() != null).count();
        return list;
    }

    private WritePhase writePhase(String emu, Path target) throws IOException {
        Path flash = write(dir, "probe.bin", v110);
        Path trace = dir.resolve("probe.jsonl");
        Path stats = dir.resolve("probe-stats.json");
        CliRunner.Run r = new CliRunner(dir.resolve("probe-home")).run("flash", "--device", emu + "&image=" + flash
                + "&stats=" + stats, target.toString(), "--yes", "--quiet", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // the drive's commands, numbered from 1 as the faults count them: the trace's header line is none
        List<String> lines = Files.readAllLines(trace).stream().filter(l -> !l.startsWith("{\"header\"")).toList();
        int first = -1;
        int last = -1;
        int erases = 0;
        int programs = 0;
        long firstAddress = -1;
        long lastErase = -1;
        long lastProgram = -1;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = new ObjectMapper().readTree(lines.get(i));
            String op = n.path("op").asText();
            if (op.equals("erase") || op.equals("program")) {
                first = first < 0 ? i + 1 : first;
                firstAddress = firstAddress < 0 ? n.path("addr").asLong() : firstAddress;
                last = i + 1;
                if (op.equals("erase")) {
                    lastErase = n.path("addr").asLong();
                } else {
                    lastProgram = n.path("addr").asLong();
                }
                erases += op.equals("erase") ? 1 : 0;
                programs += op.equals("program") ? 1 : 0;
            }
        }
        assertThat(firstAddress).as("the undisturbed run writes above the boot region").isGreaterThanOrEqualTo(BOOT);
        // the register-level drive counts each Command-register write as one command, not each chip-level trace
        // line: its own counters give the power-cut window in those numbers
        long firstCommand = EmulatorCountersFile.counter(stats, "firstWriteCommand");
        long lastCommand = EmulatorCountersFile.counter(stats, "lastWriteCommand");
        if (firstCommand > 0) {
            first = Math.toIntExact(firstCommand);
            last = Math.toIntExact(lastCommand);
        }
        return new WritePhase(first, last, erases, programs, firstAddress, erases > 0 ? lastErase : lastProgram);
    }

    /** A flash run on the case's drive, its write-model violations read from the emulator's counters document. */
    private CliRunner.Run flash(CliRunner cli, String device, Path caseDir, String file, String... more) {
        Path stats = caseDir.resolve("stats-" + (++runs) + ".json");
        List<String> args = new ArrayList<>(List.of("flash", "--device", device + "&stats=" + stats, file, "--yes", "--quiet"));
        args.addAll(List.of(more));
        CliRunner.Run r = cli.run(args.toArray(String[]::new));
        violations += EmulatorCountersFile.counter(stats, "violations");
        busyCuts += EmulatorCountersFile.counter(stats, "busyCuts");
        return r;
    }

    private void runCase(String emu, Path target, Case c) throws IOException {
        cases++;
        Path caseDir = Files.createDirectories(dir.resolve("case-" + cases));
        Path flash = write(caseDir, "flash.bin", v110);
        Outcome got = outcome(emu + "&image=" + flash, caseDir, flash, target, c);
        outcomes.merge(got, 1, Integer::sum);
        if (c.expected() != null && got != c.expected() && got != Outcome.PROBLEM) {
            problems.add(c.all() + ": ended " + got + ", designed to end " + c.expected());
        }
    }

    private Outcome outcome(String device, Path caseDir, Path flash, Path target, Case c) throws IOException {
        CliRunner cli = new CliRunner(caseDir.resolve("home"));
        String again = c.defect().isEmpty() ? device : device + "&fault=" + c.defect();
        CliRunner.Run faulted = flash(cli, device + "&fault=" + c.all(), caseDir, target.toString(), "--json");
        byte[] after = Files.readAllBytes(flash);
        long partial = partialSectors(after);
        if (partial > 0) {
            casesLeavingPartialSectors++;
            partialSectors += partial;
        }
        if (faulted.exitCode() == 0) {
            return Arrays.equals(after, v120) ? Outcome.FINISHED : problem(c, "reported success with wrong content");
        }
        if (faulted.exitCode() == 1 || faulted.err().contains("Exception")) {
            problem(c, "internal error\n" + faulted);
        }
        if (!Arrays.equals(after, 0, BOOT, v110, 0, BOOT)) {
            bricked++;
            return problem(c, "boot region damaged");
        }
        CliRunner.Run second = flash(cli, again, caseDir, target.toString(), "--json");
        byte[] now = Files.readAllBytes(flash);
        if (second.exitCode() == 0) {
            return Arrays.equals(now, v120) ? Outcome.RESUMED : problem(c, "resume reported success with wrong content");
        }
        if (second.exitCode() == 1 || second.err().contains("Exception")) {
            return problem(c, "internal error on the second run\n" + second);
        }
        Path backup = newestBackup(caseDir.resolve("home"));
        if (Arrays.equals(now, v110)) {
            // nothing was written, or nothing stayed written: the drive is as it was, and so must its backup be
            return backup == null || Arrays.equals(Files.readAllBytes(backup), v110) ? Outcome.FAILED_SAFELY
                    : problem(c, "the drive is untouched but its backup is not 1.10");
        }
        if (backup == null) {
            return problem(c, "no backup and the drive changed");
        }
        CliRunner.Run restore = flash(cli, again, caseDir, backup.toString(), "--allow-older");
        if (restore.exitCode() == 0 && Arrays.equals(Files.readAllBytes(flash), v110)) {
            return Outcome.RESTORED;
        }
        return problem(c, "neither resume nor restore worked\n" + second + "\n" + restore);
    }

    private Outcome problem(Case c, String what) {
        problems.add(c.all() + ": " + what);
        return Outcome.PROBLEM;
    }

    /** Sectors the fault left half-done: not the old content, not the new, not erased. */
    private long partialSectors(byte[] chip) {
        long n = 0;
        for (int off = 0; off < chip.length; off += 4096) {
            boolean old = Arrays.equals(chip, off, off + 4096, v110, off, off + 4096);
            boolean fresh = Arrays.equals(chip, off, off + 4096, v120, off, off + 4096);
            boolean blank = true;
            for (int i = off; i < off + 4096 && blank; i++) {
                blank = chip[i] == (byte) 0xFF;
            }
            n += old || fresh || blank ? 0 : 1;
        }
        return n;
    }

    private static Path newestBackup(Path home) throws IOException {
        Path backups = home.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return null;
        }
        try (var files = Files.walk(backups)) {
            return files.filter(p -> p.toString().endsWith(".bin") && !p.toString().contains("interrupted"))
                    .sorted().findFirst().orElse(null);
        }
    }
}
