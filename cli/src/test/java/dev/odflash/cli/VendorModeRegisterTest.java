package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The register-level 8051-era vendor mode (docs/protocols.md §2.6) through the CLI: the emulated drive decodes the
 * task-file writes itself, the host's vendor mode drives it.
 */
class VendorModeRegisterTest {
    @TempDir
    Path dir;

    private List<JsonNode> registerLines(Path trace) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("reg")) {
                out.add(n);
            }
        }
        return out;
    }

    @Test
    void theIntroIsTracedAsRegistersAndNeverCarriesTheErasingKey() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("backup", "--device", "emu:asus-crw-5224a",
                "-o", dir.resolve("b.bin").toString(), "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> regs = registerLines(trace);
        assertThat(regs).anyMatch(n -> n.path("name").asText().equals("sn") && n.path("value").asInt() == 0x2A)
                .anyMatch(n -> n.path("name").asText().equals("command") && n.path("value").asInt() == 0x80)
                .anyMatch(n -> n.path("name").asText().equals("status") && n.path("value").asInt() == 0x70)
                .anyMatch(n -> n.path("name").asText().equals("command") && n.path("value").asInt() == 0x81)
                .anyMatch(n -> n.path("name").asText().equals("command") && n.path("value").asInt() == 0x08);
        assertThat(regs).noneMatch(n -> n.path("name").asText().equals("sn") && n.path("value").asInt() == 0x2E);
    }

    @Test
    void aPartThatTakesOnlyTheShortUnlockPairIsIdentifiedByTheRetry() {
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("info", "--device",
                "emu:asus-crw-5224a?chip=Am29F040&unlock=555", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Am29F040");
    }

    @Test
    void aDriveThatRefusesTheIntroIsNotInVendorModeAndNothingIsWritten() throws Exception {
        Path stats = dir.resolve("stats.json");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("backup", "--device",
                "emu:asus-crw-5224a?intro=never&stats=" + stats, "-o", dir.resolve("b.bin").toString());
        assertThat(r.exitCode()).as(r.toString()).isNotZero().isNotEqualTo(1);
        assertThat(EmulatorCountersFile.counter(stats, "writeCommands")).isZero();
    }

    @Test
    void afterABusResetTheHostReentersVendorModeAndTheFlashVerifies() throws Exception {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path target = write(dir, "1.20.bin", image("1.20"));
        Path stats = dir.resolve("stats.json");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash
                + "&fault=reset@cmd:1500000&stats=" + stats, target.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(EmulatorCountersFile.counter(stats, "commands")).as("the reset fell inside the run")
                .isGreaterThan(1_500_000);
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
    }

    @Test
    void aStatusStuckBusyEndsTheBackupWithADeviceErrorAndNoFile() {
        Path out = dir.resolve("b.bin");
        CliRunner.Run r = new CliRunner(dir.resolve("home")).run("backup", "--device",
                "emu:asus-crw-5224a?fault=busy@cmd:5000", "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("busy");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void whenTheDriveDropsOutOfVendorModeTheHostReentersAndTheBackupCompletes() throws Exception {
        Path clean = dir.resolve("clean.bin");
        Path lost = dir.resolve("lost.bin");
        assertThat(new CliRunner(dir.resolve("h1")).run("backup", "--device", "emu:asus-crw-5224a", "-o",
                clean.toString()).exitCode()).isZero();
        CliRunner.Run r = new CliRunner(dir.resolve("h2")).run("backup", "--device",
                "emu:asus-crw-5224a?fault=modelost@cmd:5000", "-o", lost.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(lost)).isEqualTo(Files.readAllBytes(clean));
    }
}
