package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.chip.ChipTable;
import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.emulator.EmulatedDrives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor without --device checks every drive the OS shows: one that is in use or cannot be opened is
 * a failed check for that drive, and the others are still checked. Only the run's own input (a bad
 * --trace file) aborts it. The OS's list is replaced by the hidden --target hook.
 */
class DoctorEveryDriveTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private static List<JsonNode> checks(JsonNode doc, String name) {
        List<JsonNode> out = new ArrayList<>();
        doc.path("checks").forEach(c -> {
            if (c.path("check").asText().equals(name)) {
                out.add(c);
            }
        });
        return out;
    }

    @Test
    void aBusyAndABrokenDriveAreFailedChecksAndTheOthersAreStillChecked() throws Exception {
        Path busy = write(dir, "busy.bin", image("1.10"));
        Path broken = write(dir, "broken.bin", new byte[1000]); // not the chip's size: the drive cannot be opened
        Path fine = write(dir, "fine.bin", image("1.10"));
        String busySpec = "emu:asus-crw-5224a?image=" + busy;
        String brokenSpec = "emu:asus-crw-5224a?image=" + broken;
        String fineSpec = "emu:asus-crw-5224a?image=" + fine;
        try (EmulatedDrive holder = EmulatedDrives.open(busySpec, ChipTable.builtIn())) {
            CliRunner.Run r = new CliRunner(home).run("doctor", "--target", busySpec, "--target", brokenSpec,
                    "--target", fineSpec, "--json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            List<JsonNode> inquiry = checks(r.json(), "INQUIRY");
            assertThat(inquiry).extracting(c -> c.path("target").asText()).containsExactly(busySpec, brokenSpec, fineSpec);
            assertThat(inquiry.get(0).path("status").asText()).isEqualTo("fail");
            assertThat(inquiry.get(0).path("detail").asText()).contains("in use");
            assertThat(inquiry.get(1).path("status").asText()).isEqualTo("fail");
            assertThat(inquiry.get(2).path("status").asText()).isEqualTo("ok");
            assertThat(checks(r.json(), "vendor probe")).extracting(c -> c.path("target").asText()).containsExactly(fineSpec);
        }
    }

    @Test
    void aBadTraceFileIsTheRunsErrorBeforeAnyDrive() throws Exception {
        Path fine = write(dir, "fine.bin", image("1.10"));
        Path trace = write(dir, "taken.jsonl", new byte[] {1});
        CliRunner.Run r = new CliRunner(home).run("doctor", "--target", "emu:asus-crw-5224a?image=" + fine,
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("exists");
        assertThat(Files.readAllBytes(trace)).containsExactly(1);
    }

    @Test
    void theHelpStatesTheRealExitCodes() {
        CliRunner.Run r = new CliRunner(home).run("doctor", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("3: a check failed").contains("in use").contains("2: bad --device spec or --trace")
                .contains("4: the --trace file exists");
    }
}
