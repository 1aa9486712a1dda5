package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chip-style campaign's guarantees on the external family (issue 15 §2): odflash's own faults around the
 * libflashrom session (native FaultyProgrammer) hit region writes of a 1.10 → 1.35 flash of a CRW-5224A's
 * SST25VF040 on the dummy programmer: the first, the last ({@link #WRITES}, measured, and pinned below: a cut
 * before write 49 must find the flash already done) and a seeded one between, for each kind. Each run needs a
 * child JVM (one libflashrom session per process), so the campaign is bounded to about two minutes. Every case must end with 1.35 on the chip after flashing again without the fault (else bricked),
 * never exit 0 on other content (a false success), and never show a violation: the boot region (first 16 KiB,
 * the CRW-5224A row's) changed, a stale reference given to libflashrom (the decorator's check), an exit code
 * outside Contracts, or a stack trace. The chip is read from the dummy's image file after each run, independently
 * of odflash.
 */
class ExternalFaultCampaignTest {
    private static final String[] KINDS = {"cut-between", "cut-inside", "erase-fail", "program-ignored"};
    /** The region writes of this flash: one per erase step of the plan (48 on libflashrom 1.3's dummy). */
    private static final int WRITES = 48;
    private static final long SEED = 15;
    private static final int BOOT = 16 * 1024;
    private static final Set<Integer> FAULT_EXITS = Set.of(3, 5); // device error, content check failed (Contracts)

    @TempDir
    Path dir;

    private int cases;
    private int faulted;
    private int pastLastWrite;
    private int finishedDespiteFault;
    private int recovered;
    private int bricked;
    private int falseSuccesses;
    private int violations;
    private final List<String> problems = new ArrayList<>();

    @Test
    void everyFaultOnEveryRegionWriteEndsRecoverableAndHonest() throws IOException {
        LibflashromPresent.require();
        byte[] before = image("1.10");
        byte[] target = image("1.35");
        Path image = write(dir, "1.35.bin", target);
        Random seeded = new Random(SEED);
        for (String kind : KINDS) {
            for (int n : new int[]{1, 2 + seeded.nextInt(WRITES - 2), WRITES}) {
                if (runCase(kind + ":" + n, before, target, image)) {
                    problems.add(kind + ":" + n + ": the flash finished without meeting the fault");
                }
            }
        }
        if (!runCase("cut-between:" + (WRITES + 1), before, target, image)) {
            problems.add("cut-between:" + (WRITES + 1) + " was met: the flash has more than " + WRITES + " region writes");
        }
        String summary = String.format("external fault campaign (libflashrom dummy, SST25VF040, 1.10 -> 1.35): %d cases,"
                        + " %d faulted, %d finished despite the fault (a second round), %d with the fault past the last write,"
                        + " %d recovered by flashing again,"
                        + " %d bricked, %d false successes, %d violations", cases, faulted, finishedDespiteFault,
                pastLastWrite, recovered,
                bricked, falseSuccesses, violations);
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "external-fault-campaign.txt"), summary + "\n" + String.join("\n", problems) + "\n");
        assertThat(problems).as(summary).isEmpty();
        assertThat(faulted + finishedDespiteFault).as(summary).isEqualTo(3 * KINDS.length);
        assertThat(bricked + falseSuccesses + violations).as(summary).isZero();
    }

    /** One fault; true when the run never met it (it lay past the flash's last write). */
    private boolean runCase(String fault, byte[] before, byte[] target, Path image) throws IOException {
        cases++;
        Path caseDir = Files.createDirectories(dir.resolve(fault.replace(':', '-')));
        Path home = Files.createDirectories(caseDir.resolve("home"));
        Path chip = write(caseDir, "chip.bin", before);
        ChildCli cli = new ChildCli(home);
        String device = "flashrom:dummy:emulate=SST25VF040.REMS,image=" + chip;
        CliRunner.Run r = cli.run("flash", "--device", device + ",odflash_fault=" + fault, "--chip", "SST25VF040",
                image.toString(), "--yes", "--json");
        byte[] left = Files.readAllBytes(chip);
        checkRun(fault, r, left, before, target);
        if (r.exitCode() == 0) {
            // ignored programs are caught by the read-back and written again in the same run
            if (r.json().path("rounds").asInt() > 1) {
                finishedDespiteFault++;
                return false;
            }
            pastLastWrite++;
            return true;
        }
        faulted++;
        if (!FAULT_EXITS.contains(r.exitCode())) {
            violation(fault + ": exit " + r.exitCode() + " is not a device error (3) or a failed check (5): " + r);
        }
        CliRunner.Run again = cli.run("flash", "--device", device, "--chip", "SST25VF040", image.toString(), "--yes");
        byte[] after = Files.readAllBytes(chip);
        checkRun(fault + " (flashed again)", again, after, before, target);
        if (again.exitCode() == 0 && Arrays.equals(after, target)) {
            recovered++;
        } else {
            bricked++;
            problems.add(fault + ": flashing again without the fault did not give 1.35: " + again);
        }
        return false;
    }

    private void checkRun(String what, CliRunner.Run r, byte[] chip, byte[] before, byte[] target) {
        if (r.exitCode() == 0 && !Arrays.equals(chip, target)) {
            falseSuccesses++;
            problems.add(what + ": exit 0 but the chip is not 1.35");
        }
        if (!Arrays.equals(chip, 0, BOOT, before, 0, BOOT)) {
            violation(what + ": the boot region changed");
        }
        if (r.err().contains("stale reference")) {
            violation(what + ": libflashrom was given a stale reference: " + r.err());
        }
        if ((r.out() + r.err()).contains("Exception")) {
            violation(what + ": a stack trace reached the terminal: " + r.err());
        }
    }

    private void violation(String what) {
        violations++;
        problems.add(what);
    }
}
