package dev.odflash.cli;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * `restore` as `flash` is (docs/architecture.md "Contracts", restore): what it replaces is kept but
 * labelled for what it is (state pre-restore: read twice, vouched for by nobody, so never a known image
 * and never restored unasked); the host guard (battery gate) holds during its write; an interrupted
 * restore prints the command that resumes it.
 */
class RestoreHonestyTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Path flash;
    private String device;
    private CliRunner cli;

    /** A drive upgraded 1.10 -> 1.20 (the library holds the 1.10 backup), then damaged inside a bank. */
    private Path upgradedThenDamaged() throws IOException {
        flash = write(dir, "flash.bin", image("1.10"));
        device = "emu:asus-crw-5224a?image=" + flash;
        cli = new CliRunner(home);
        CliRunner.Run up = cli.run("flash", "--device", device, write(dir, "1.20.bin", image("1.20")).toString(), "--yes",
                "--json");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        byte[] damaged = image("1.20");
        for (int i = 0; i < 256; i++) {
            damaged[0x20100 + i] = (byte) (0x5A ^ i); // garbage mid-bank: the structure checks still pass
        }
        Files.write(flash, damaged);
        return Path.of(up.json().path("backupFile").asText());
    }

    private List<Path> sidecarsInState(String state) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(home.resolve("backups"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".bin.json")).toList()) {
                if (new ObjectMapper().readTree(Files.readString(p)).path("state").asText().equals(state)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Test
    void whatARestoreReplacesIsLabelledPreRestoreNeverAKnownImageAndNeverRestoredUnasked() throws Exception {
        Path b110 = upgradedThenDamaged();
        byte[] damaged = Files.readAllBytes(flash);
        CliRunner.Run r = cli.run("restore", "--device", device, "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("restoring " + b110);
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        List<Path> pre = sidecarsInState("pre-restore");
        assertThat(pre).as("the dump of what the restore replaced").hasSize(1);
        Path dump = Path.of(pre.getFirst().toString().replaceFirst("\\.json$", ""));
        assertThat(Files.readAllBytes(dump)).isEqualTo(damaged);
        assertThat(Path.of(r.json().path("backupFile").asText())).isEqualTo(dump);

        // the drive holding that content again is not vouched for by the dump
        Files.write(flash, damaged);
        CliRunner.Run status = cli.run("status", "--device", device, "--json");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(5);
        assertThat(status.out()).doesNotContain("\"" + dump + "\"");
        CliRunner.Run list = cli.run("library", "list");
        assertThat(list.out()).contains("pre-restore");

        // unasked, the newest complete backup is restored, not the newer dump
        CliRunner.Run again = cli.run("restore", "--device", device, "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("restoring " + b110).doesNotContain("restoring " + dump);

        // named, it is what the user asks for: it goes back
        CliRunner.Run named = cli.run("restore", "--device", device, dump.toString(), "--yes");
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(damaged);
    }

    @Test
    void aRestoreHoldsTheHostGuardALowBatteryRefusesItBeforeAnythingIsWritten() throws Exception {
        Path b110 = upgradedThenDamaged();
        byte[] before = Files.readAllBytes(flash);
        Path sys = FlashFixtures.sysOnBattery(dir, 12);
        Path trace = dir.resolve("t.jsonl");
        CliRunner.Run r = cli.run("restore", "--device", device, b110.toString(), "--yes", "--sysfs", sys.toString(),
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("on battery at 12 % (below 30 %)").contains("--allow-battery")
                .contains("The command that passes this gate: `odflash restore --device");
        assertThat(FlashFixtures.noWriteCommand(trace)).as("the emulator saw no erase or program").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);

        CliRunner.Run allowed = cli.run("restore", "--device", device, b110.toString(), "--yes", "--sysfs", sys.toString(),
                "--allow-battery");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.err()).contains("flashing anyway, as asked")
                .contains("emulated drive: no logind inhibitor");
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
    }

    @Test
    void anInterruptedRestorePrintsTheCommandThatResumesIt() throws Exception {
        Path b110 = upgradedThenDamaged();
        byte[] damaged = Files.readAllBytes(flash);
        // where the first program lands: a reference restore of a copy of the drive
        Path refFlash = write(dir, "ref.bin", damaged);
        Path refTrace = dir.resolve("ref.jsonl");
        CliRunner.Run ok = new CliRunner(home).run("restore", "--device", "emu:asus-crw-5224a?image=" + refFlash,
                b110.toString(), "--yes", "--trace", refTrace.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        List<String> all = new ArrayList<>();
        for (String l : Files.readAllLines(refTrace)) {
            JsonNode n = new ObjectMapper().readTree(l);
            all.add(n.has("cdb") ? n.path("cdb").asText() : n.path("op").asText());
        }
        int program = all.indexOf("program") + 1;
        assertThat(program).isPositive();

        CliRunner.Run cut = cli.run("restore", "--device", device, b110.toString(), "--yes", "--interrupt-at-command",
                String.valueOf(program + 2));
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(130);
        assertThat(cut.err()).contains("to resume run: odflash restore --device '" + device + "' " + b110 + " --yes");
        CliRunner.Run resumed = cli.run("restore", "--device", device, b110.toString(), "--yes");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("resumed");
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
    }
}
