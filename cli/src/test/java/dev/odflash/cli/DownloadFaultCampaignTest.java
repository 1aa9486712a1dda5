package dev.odflash.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The download families' fault campaign: power loss during the stream, the burn and the wait, command
 * time-outs, and a bridge that drops vendor CDBs, for every download profile. After each fault the
 * tool must say what state the drive is in (`info` answers: old firmware, new, or BOOT) and the same
 * flash run again must finish verified; "success" with the wrong firmware is never allowed.
 */
class DownloadFaultCampaignTest {
    private static final String[][] PROFILES = {
        {"btc-drw1008", "0058"}, {"tsst-ts-h353c", "SB02"}, {"samsung-sd616f", "F104"},
        {"samsung-se506cb", "TS02"}, {"asus-bw16d1ht", "3.02"}};

    @TempDir
    Path dir;

    private int cases;
    private int recovered;
    private int finishedDespiteFault;
    private int bootModeSeen;
    private int refusedCleanly;
    private final List<String> problems = new ArrayList<>();

    @Test
    void everyFaultIsReportedHonestlyAndRecoveredByFlashingAgain() throws IOException {
        for (String[] p : PROFILES) {
            Path image = dir.resolve(p[0] + ".bin");
            Files.write(image, DownloadFirmware.image(EmulatorProfiles.byName(p[0]).orElseThrow(), p[1]));
            int commands = commandsOfACleanRun(p[0], image);
            int step = Math.max(1, commands / 25);
            for (int n = 1; n <= commands + 2; n += step) {
                runCase(p[0], p[1], image, "&fault=powerloss@cmd:" + n);
            }
            runCase(p[0], p[1], image, "&fault=timeout@cmd:" + (commands / 2));
            runCase(p[0], p[1], image, "&fault=timeout@cmd:" + (commands - 1));
            runCase(p[0], p[1], image, "&bridge=drop-vendor");
        }
        String summary = String.format("download fault campaign: %d cases over %d profiles, %d finished despite the"
                        + " fault, %d recovered by flashing again, %d of them seen in BOOT mode first, %d refused before"
                        + " any write (bridge dropping vendor CDBs), %d problems", cases, PROFILES.length,
                finishedDespiteFault, recovered, bootModeSeen, refusedCleanly, problems.size());
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "download-fault-campaign.txt"), summary + "\n" + String.join("\n", problems) + "\n");
        assertThat(problems).as(summary).isEmpty();
    }

    private int commandsOfACleanRun(String profile, Path image) throws IOException {
        Path trace = dir.resolve(profile + "-clean.jsonl");
        CliRunner.Run r = new CliRunner(dir.resolve("clean-home")).run("flash", "--device", "emu:" + profile + "?image="
                + dir.resolve(profile + "-clean.flash"), image.toString(), "--yes", "--without-backup", "--quiet",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return (int) Files.readAllLines(trace).stream().filter(l -> l.contains("\"cdb\"")).count();
    }

    private void runCase(String profile, String version, Path image, String fault) throws IOException {
        cases++;
        Path caseDir = Files.createDirectories(dir.resolve("case-" + cases));
        CliRunner cli = new CliRunner(caseDir.resolve("home"));
        String device = "emu:" + profile + "?image=" + caseDir.resolve("flash.bin");
        CliRunner.Run faulted = cli.run("flash", "--device", device + fault, image.toString(), "--yes", "--without-backup",
                "--quiet", "--json");
        String where = profile + fault;
        if (faulted.exitCode() == 1 || faulted.err().contains("Exception")) {
            problems.add(where + ": internal error\n" + faulted);
            return;
        }
        CliRunner.Run info = cli.run("info", "--device", device, "--json");
        if (info.exitCode() != 0) {
            problems.add(where + ": the drive does not answer after the fault (dead)\n" + info);
            return;
        }
        String revision = new ObjectMapper().readTree(info.out()).path("inquiry").path("revision").asText();
        if (faulted.exitCode() == 0) {
            if (!revision.equals(version)) {
                problems.add(where + ": reported success but the drive runs " + revision);
            }
            finishedDespiteFault++;
            return;
        }
        if (fault.contains("bridge")) {
            if (faulted.exitCode() == 3 || faulted.exitCode() == 4) {
                refusedCleanly++;
            } else {
                problems.add(where + ": unexpected exit " + faulted.exitCode());
            }
            return;
        }
        bootModeSeen += revision.equals("BOOT") ? 1 : 0;
        CliRunner.Run again = cli.run("flash", "--device", device, image.toString(), "--yes", "--without-backup",
                "--allow-reinstall", "--quiet", "--json");
        CliRunner.Run after = cli.run("info", "--device", device, "--json");
        String now = new ObjectMapper().readTree(after.out()).path("inquiry").path("revision").asText();
        if (again.exitCode() == 0 && now.equals(version)) {
            recovered++;
        } else {
            problems.add(where + ": not recovered (state after the fault: " + revision + ")\n" + again);
        }
    }
}
