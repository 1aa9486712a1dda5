package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `odflash restore --device D [BACKUP]` (docs/architecture.md "Contracts", restore): this unit's own complete,
 * full-coverage backup goes back through the flash pipeline; being the drive's own backup satisfies the
 * version gate; anything else is refused with nothing written.
 */
class RestoreCommandTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Path flash;
    private String device;
    private CliRunner cli;

    /** The drive at 1.10 with a library backup of it, then flashed to 1.20; returns the 1.10 backup. */
    private Path backedUpThenUpgraded() {
        flash = write(dir, "flash.bin", image("1.10"));
        device = "emu:asus-crw-5224a?image=" + flash;
        cli = new CliRunner(home);
        CliRunner.Run up = cli.run("flash", "--device", device, write(dir, "1.20.bin", image("1.20")).toString(), "--yes",
                "--json");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        return Path.of(up.json().path("backupFile").asText());
    }

    private CliRunner.Run refusedWritingNothing(String... args) throws IOException {
        byte[] before = Files.readAllBytes(flash);
        Path trace = dir.resolve("t" + System.nanoTime() + ".jsonl");
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--trace";
        all[args.length + 1] = trace.toString();
        CliRunner.Run r = cli.run(all);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(FlashFixtures.noWriteCommand(trace)).as("the emulator saw no erase or program").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(before);
        return r;
    }

    @Test
    void restoreWritesTheUnitsLatestBackupBackAndItsVersionNeedsNoOption() throws IOException {
        Path backup = backedUpThenUpgraded();
        // the same file through `flash` is a downgrade: refused without --allow-older
        assertThat(refusedWritingNothing("flash", "--device", device, backup.toString(), "--yes").err())
                .contains("--allow-older");
        CliRunner.Run r = cli.run("restore", "--device", device, "--yes", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("restoring " + backup);
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(r.json().path("toVersion").asText()).isEqualTo("1.10");
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        CliRunner.Run s = cli.run("status", "--device", device);
        assertThat(s.exitCode()).as(s.toString()).isZero();
    }

    @Test
    void aNamedBackupIsRestoredAndADryRunWritesNothing() throws IOException {
        Path backup = backedUpThenUpgraded();
        CliRunner.Run dry = cli.run("restore", "--device", device, backup.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.20"));
        CliRunner.Run r = cli.run("restore", "--device", device, backup.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
    }

    private static void editSidecar(Path backup, String field, String value) throws IOException {
        Path sidecar = Path.of(backup + ".json");
        ObjectNode s = (ObjectNode) new ObjectMapper().readTree(sidecar.toFile());
        s.put(field, value);
        Files.writeString(sidecar, s.toString());
    }

    @Test
    void aRegionsOnlyBackupIsNeverRestoredAndAMissingCoverageIsFull() throws IOException {
        Path backup = backedUpThenUpgraded();
        editSidecar(backup, "coverage", "full"); // what the field says for a whole-flash backup
        assertThat(cli.run("restore", "--device", device, backup.toString(), "--dry-run").exitCode()).isZero();
        editSidecar(backup, "coverage", "regions");
        assertThat(refusedWritingNothing("restore", "--device", device, backup.toString(), "--yes").err())
                .contains("coverage regions");
        // unnamed: the only other backups are of 1.20 (the flash's own), so 1.10 is not chosen
        CliRunner.Run r = cli.run("restore", "--device", device, "--dry-run");
        assertThat(r.err()).doesNotContain("restoring " + backup);
    }

    @Test
    void anInterruptedDumpADamagedBackupAndAnotherModelsBackupAreRefused() throws IOException {
        Path backup = backedUpThenUpgraded();
        byte[] content = Files.readAllBytes(backup);
        Path copy = write(dir, "copy.bin", content);
        Files.writeString(Path.of(copy + ".json"), Files.readString(Path.of(backup + ".json")));
        editSidecar(copy, "state", "interrupted");
        assertThat(refusedWritingNothing("restore", "--device", device, copy.toString(), "--yes").err())
                .contains("half-written");
        Path damaged = write(dir, "damaged.bin", content);
        Files.writeString(Path.of(damaged + ".json"), Files.readString(Path.of(backup + ".json")));
        byte[] b = Files.readAllBytes(damaged);
        b[0x20000] ^= 1;
        Files.write(damaged, b);
        assertThat(refusedWritingNothing("restore", "--device", device, damaged.toString(), "--yes").err())
                .contains("damaged backup");
        Path bare = write(dir, "bare.bin", content); // no sidecar: nothing says whose it is
        assertThat(refusedWritingNothing("restore", "--device", device, bare.toString(), "--yes").err())
                .contains("no readable sidecar");
        Path other = write(dir, "other.bin", content);
        JsonNode s = new ObjectMapper().readTree(Path.of(backup + ".json").toFile());
        ((ObjectNode) s.path("drive")).put("product", "DVR-111D");
        Files.writeString(Path.of(other + ".json"), s.toString());
        assertThat(refusedWritingNothing("restore", "--device", device, other.toString(), "--yes").err())
                .contains("not of this model");
    }

    @Test
    void aDriveWithNoBackupInTheLibraryIsRefused() throws IOException {
        flash = write(dir, "flash.bin", image("1.10"));
        device = "emu:asus-crw-5224a?image=" + flash;
        cli = new CliRunner(home);
        assertThat(refusedWritingNothing("restore", "--device", device, "--yes").err())
                .contains("no complete backup of this unit");
    }

    @Test
    void anotherUnitsMt19xxBackupIsRefusedAndTheUnitsOwnIsRestored() throws IOException {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        cli = new CliRunner(home);
        CliRunner.Run backupA = cli.run("backup", "--device", "emu:asus-bw16d1ht?unit=A&image=" + a, "--json");
        assertThat(backupA.exitCode()).as(backupA.toString()).isZero();
        Path ofA = Path.of(backupA.json().path("file").asText());
        CliRunner.Run r = DownloadRuns.refusedWithoutDownload(home, dir, "restore", "--device",
                "emu:asus-bw16d1ht?unit=B&image=" + b, ofA.toString(), "--yes");
        assertThat(r.err()).contains("serial");
        // unit B has no backup of its own: the library's unit A backup is not taken unasked
        assertThat(DownloadRuns.refusedWithoutDownload(home, dir, "restore", "--device",
                "emu:asus-bw16d1ht?unit=B&image=" + b, "--yes").err()).contains("no complete backup of this unit");
        // unit A, upgraded, gets its own backup back
        Path v310 = DownloadRuns.image(dir, "asus-bw16d1ht", "3.10");
        assertThat(cli.run("flash", "--device", "emu:asus-bw16d1ht?unit=A&image=" + a, v310.toString(), "--yes")
                .exitCode()).isZero();
        CliRunner.Run restore = cli.run("restore", "--device", "emu:asus-bw16d1ht?unit=A&image=" + a, "--yes", "--json");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.json().path("toVersion").asText()).isEqualTo(backupA.json().path("revision").asText("3.01"));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(ofA));
    }

    @Test
    void aFamilyWithoutReadPathHasNoBackupToRestore() throws IOException {
        CliRunner.Run r = DownloadRuns.refusedWithoutDownload(home, dir, "restore", "--device", "emu:btc-drw1008", "--yes");
        assertThat(r.err()).contains("no backup of it to restore");
    }
}
