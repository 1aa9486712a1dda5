package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structured fields of a --json error (docs/architecture.md "Contracts", "typed
 * outcomes"): beside exitCode, kind and message, a refusal names its gate, reason and override, a
 * mismatch its first offset, count and ranges, a device failure its kind, errno and command.
 */
class ErrorFieldsTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void aRefusedGateNamesTheGateTheReasonAndTheOverride() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path same = write(dir, "1.10.bin", image("1.10"));
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                same.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        JsonNode e = r.json().path("error");
        assertThat(e.path("exitCode").asInt()).isEqualTo(4);
        assertThat(e.path("kind").asText()).isEqualTo("refused");
        assertThat(e.path("message").asText()).startsWith("gate version: ").contains("--allow-reinstall");
        JsonNode refusal = e.path("refusal");
        assertThat(refusal.path("gate").asText()).isEqualTo("version");
        assertThat(refusal.path("reason").asText()).contains("already runs 1.10").doesNotContain("--");
        assertThat(refusal.path("override").asText()).isEqualTo("allow-reinstall");
        assertThat(r.err()).contains("error: gate version: the drive already runs 1.10; reinstalling needs --allow-reinstall");
    }

    @Test
    void aGateNothingOverridesHasANullOverride() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path small = write(dir, "small.bin", new byte[4096]);
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?image=" + flash,
                small.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        JsonNode refusal = r.json().path("error").path("refusal");
        assertThat(refusal.path("gate").asText()).isNotEmpty();
        assertThat(refusal.has("override")).isTrue();
    }

    @Test
    void aChipThatDoesNotTakeTheImageIsAMismatchWithItsOffsetsAndRanges() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        // every program call reports success and writes nothing: verify finds the image's changes missing. On a
        // serial part: a parallel part's Data# polling reads the cell and catches the lie at the program itself
        String lies = IntStream.rangeClosed(1, 3000).mapToObj(i -> "lie@program:" + i).collect(Collectors.joining(","));
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:asus-crw-5224a?chip=MX25L4005&image="
                + flash + "&fault=" + lies, v120.toString(), "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        JsonNode e = r.json().path("error");
        assertThat(e.path("kind").asText()).isEqualTo("mismatch");
        JsonNode m = e.path("mismatch");
        assertThat(m.path("firstOffset").isIntegralNumber()).as(e.toString()).isTrue();
        assertThat(m.path("count").asLong()).isPositive();
        assertThat(m.path("ranges").size()).isPositive();
        JsonNode first = m.path("ranges").get(0);
        assertThat(first.path("offset").asLong()).isEqualTo(m.path("firstOffset").asLong());
        assertThat(first.path("length").asLong()).isPositive();
        long sum = 0;
        for (JsonNode range : m.path("ranges")) {
            sum += range.path("length").asLong();
        }
        assertThat(sum).isEqualTo(m.path("count").asLong());
        assertThat(e.path("message").asText()).contains(String.format("first difference at 0x%06X",
                m.path("firstOffset").asLong()));
    }

    @Test
    void aTimedOutDriveIsADeviceFailureWithItsKindAndCommand() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?image=" + flash
                + "&fault=timeout@cmd:1", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        JsonNode e = r.json().path("error");
        assertThat(e.path("kind").asText()).isEqualTo("device");
        JsonNode device = e.path("device");
        assertThat(device.path("kind").asText()).as(e.toString()).isEqualTo("timeout");
        assertThat(device.has("errno")).isTrue();
        assertThat(device.path("command").asText()).isEqualTo("INQUIRY");
    }

    @Test
    void aDeadDriveIsADeviceFailureToo() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?image=" + flash
                + "&fault=powerloss@cmd:1", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        JsonNode device = r.json().path("error").path("device");
        assertThat(device.path("kind").asText()).as(r.toString()).isEqualTo("no-answer");
    }

    @Test
    void aUsageErrorHasOnlyTheThreeFields() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "nonsense", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        JsonNode e = r.json().path("error");
        assertThat(e.has("refusal") || e.has("mismatch") || e.has("device")).isFalse();
    }

    @Test
    void coreTextsReachTheUserWithFlagsNotPlaceholders() {
        CliRunner cli = new CliRunner(home);
        JsonNode profiles = cli.run("emu", "profiles", "--json").json().path("profiles");
        assertThat(profiles.size()).isPositive();
        for (JsonNode p : profiles) {
            for (String[] args : new String[][]{{"info", "--device", "emu:" + p.path("name").asText()},
                {"info", "--device", "emu:" + p.path("name").asText(), "--json"}}) {
                CliRunner.Run r = cli.run(args);
                assertThat(r.out() + r.err()).as(r.toString()).doesNotContain("{choice:");
            }
        }
        assertThat(cli.run("info", "--device", "emu:btc-drw1008").out()).contains("needs --without-backup");
    }
}
