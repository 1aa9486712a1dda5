package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `status` answers "is my firmware intact?" with one verdict (docs/architecture.md "Contracts", status
 * verdicts and flash history): a verified flash of a file no known image holds is intact, a pending flash
 * that changed nothing is "intact (still X)", a partly written drive is mixed, a damaged one names its
 * failing check, the nearest image and the restore command.
 */
class StatusVerdictTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    /** A valid 1.20 image no known image names (a vendor's file, as far as status can tell). */
    static byte[] vendorImage() {
        byte[] b = image("1.20");
        b[0x7F000] ^= 0x5A; // padding near the end: still valid, no longer the synthetic 1.20
        return b;
    }

    /** The device spec as one shell word (it holds a '?'). */
    private static String quoted(String spec) {
        return "'" + spec + "'";
    }

    @Test
    void aVerifiedFlashOfAVendorFileIsIntactByTheFlashHistory() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path vendor = write(dir, "vendor-1.20.bin", vendorImage());
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner cli = new CliRunner(home);
        CliRunner.Run f = cli.run("flash", "--device", device, vendor.toString(), "--yes");
        assertThat(f.exitCode()).as(f.toString()).isZero();

        CliRunner.Run text = cli.run("status", "--device", device);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        String sha = dev.odflash.bytes.Sha256.hex(vendorImage());
        assertThat(text.out()).containsPattern("Verdict: intact: holds the image flashed on \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z from "
                + java.util.regex.Pattern.quote(vendor.toAbsolutePath().toString()) + " \\(sha256 " + sha + "\\), verified then")
                .doesNotContain("NOT").doesNotContain("Matches no backup");
        assertThat(text.out().lines().filter(l -> l.startsWith("Verdict:")).count()).isOne();
        JsonNode j = cli.run("status", "--device", device, "--json").json();
        assertThat(j.path("intact").asBoolean()).isTrue();
        assertThat(j.path("verdict").path("state").asText()).isEqualTo("intact");
        assertThat(j.path("verdict").path("holds").path("kind").asText()).isEqualTo("flashed");
        assertThat(j.path("verdict").path("holds").path("sha256").asText()).isEqualTo(sha);
        assertThat(j.path("verdict").path("holds").path("verified").asBoolean()).isTrue();
        assertThat(j.path("flashHistory").path("entries").asInt()).isOne();
    }

    @Test
    void aDamagedFlashHistoryIsReportedAndNeverTrusted() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path vendor = write(dir, "vendor-1.20.bin", vendorImage());
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner cli = new CliRunner(home);
        assertThat(cli.run("flash", "--device", device, vendor.toString(), "--yes").exitCode()).isZero();
        Path history;
        try (Stream<Path> s = Files.list(home.resolve("history"))) {
            history = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String good = Files.readString(history);
        Files.writeString(history, good.replaceFirst("\"verified\" : true", "\"verified\" : \"yes\""));
        CliRunner.Run text = cli.run("status", "--device", device);
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(5);
        assertThat(text.out()).contains("Damaged flash history " + history).contains("not trusted")
                .doesNotContain("Verdict: intact");
        Files.writeString(history, "{\"entries\": [");
        CliRunner.Run json = cli.run("status", "--device", device, "--json");
        assertThat(json.exitCode()).isEqualTo(5);
        assertThat(json.json().path("flashHistory").path("problem").asText()).contains("not valid JSON");
        // a link at the history's name is reported, never followed
        Files.delete(history);
        Path elsewhere = write(dir, "elsewhere.json", good.getBytes());
        Files.createSymbolicLink(history, elsewhere);
        CliRunner.Run linked = cli.run("status", "--device", device, "--json");
        assertThat(linked.exitCode()).isEqualTo(5);
        assertThat(linked.json().path("flashHistory").path("problem").asText()).contains("not a regular file");
    }

    @Test
    void mt19xxIsComparedOutsideItsUnitRegionsSoOdflashsOwnFlashIsRecognised() throws IOException {
        Path flash = dir.resolve("bw.bin");
        String device = "emu:asus-bw16d1ht?image=" + flash;
        byte[] vendor = DownloadFirmware.image(EmulatorProfiles.byName("asus-bw16d1ht").orElseThrow(), "3.10");
        vendor[0x180000] ^= 0x01; // inside the code, outside every unit region: no known image holds it
        Path file = write(dir, "BW-16D1HT-3.10.bin", vendor);
        CliRunner cli = new CliRunner(home);
        CliRunner.Run f = cli.run("flash", "--device", device, file.toString(), "--yes");
        assertThat(f.exitCode()).as(f.toString()).isZero();
        CliRunner.Run s = cli.run("status", "--device", device, "--json");
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.json().path("verdict").path("holds").path("kind").asText()).isEqualTo("flashed");
        // a change inside the code is not masked: the drive no longer holds what was flashed
        byte[] now = Files.readAllBytes(flash);
        now[0x180001] ^= 0x01;
        Files.write(flash, now);
        CliRunner.Run changed = cli.run("status", "--device", device, "--json");
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(5);
        assertThat(changed.json().path("verdict").path("state").asText()).isIn("unknown", "damaged");
    }

    @Test
    void aPendingFlashThatChangedNothingIsIntactStillTheOldVersionAndExit5() throws IOException {
        byte[] old = image("1.10");
        Path flash = write(dir, "flash.bin", old);
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner cli = new CliRunner(home);
        FlashFixtures.interruptedFlash(cli, device, v120);
        Files.write(flash, old); // the interrupted run changed nothing on this drive
        CliRunner.Run text = cli.run("status", "--device", device);
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(5);
        assertThat(text.out()).contains("Verdict: intact (still 1.10); a flash to 1.20 is pending: run `odflash flash"
                + " --device " + quoted(device) + " " + v120.toAbsolutePath() + "` to finish")
                .doesNotContain("NOT a known intact image");
        assertThat(text.out().lines().filter(l -> l.startsWith("Verdict:")).count()).isOne();
        JsonNode v = cli.run("status", "--device", device, "--json").json().path("verdict");
        assertThat(v.path("state").asText()).isEqualTo("pending");
        assertThat(v.path("fromVersion").asText()).isEqualTo("1.10");
        assertThat(v.path("toVersion").asText()).isEqualTo("1.20");
    }

    @Test
    void aPartlyWrittenDriveIsMixedNeverWouldBootYes() {
        Path flash = write(dir, "flash.bin", image("1.10"));
        Path v120 = write(dir, "1.20.bin", image("1.20"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner cli = new CliRunner(home);
        FlashFixtures.interruptedFlash(cli, device, v120);
        CliRunner.Run text = cli.run("status", "--device", device);
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(5);
        assertThat(text.out()).doesNotContain("Would boot: yes").contains("Would boot: unknown")
                .contains("Verdict: MIXED image, partly written").containsPattern("banks? [0-9, ]+ holds? neither image")
                .contains("image says revision ");
        text.out().lines().filter(l -> l.contains("image says revision")).forEach(l -> assertThat(l).contains("mixed"));
        JsonNode j = cli.run("status", "--device", device, "--json").json();
        assertThat(j.path("wouldBoot").isNull()).as(j.toString()).isTrue();
        assertThat(j.path("verdict").path("state").asText()).isEqualTo("mixed");
        assertThat(j.path("verdict").path("banksHoldingNeither").size()).isPositive();
    }

    @Test
    void aDamagedDriveGetsTheFailingCheckTheNearestBackupWithRangesAndTheRestoreCommand() throws IOException {
        byte[] good = image("1.10");
        Path flash = write(dir, "flash.bin", good);
        String device = "emu:asus-crw-5224a?image=" + flash;
        CliRunner cli = new CliRunner(home);
        CliRunner.Run b = cli.run("backup", "--device", device, "--json");
        assertThat(b.exitCode()).as(b.toString()).isZero();
        Path backup = Path.of(b.json().path("file").asText());
        byte[] broken = good.clone();
        broken[0x30000] = 0x00; // bank 3 no longer starts with its 0x02 jump
        Files.write(flash, broken);

        CliRunner.Run text = cli.run("status", "--device", device);
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(5);
        assertThat(text.out()).contains("Verdict: DAMAGED: structure: ")
                .contains("Nearest: ").contains("differs at 0x030000-0x030000 (1 bytes)")
                .contains("odflash restore --device " + quoted(device) + " " + backup);
        JsonNode v = cli.run("status", "--device", device, "--json").json().path("verdict");
        assertThat(v.path("state").asText()).isEqualTo("damaged");
        assertThat(v.path("failingCheck").asText()).startsWith("structure");
        assertThat(v.path("nearest").path("ranges").get(0).path("offset").asLong()).isEqualTo(0x30000);
        assertThat(v.path("restoreBackup").asText()).isEqualTo(backup.toString());

        // the command it names works as printed (its words, unquoted as a shell would)
        CliRunner.Run restore = cli.run("restore", "--device", device, backup.toString(), "--yes");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(Files.readAllBytes(flash)).isEqualTo(good);
        assertThat(cli.run("status", "--device", device).exitCode()).isZero();
    }

    @Test
    void aDriveWithoutReadPathIsIntactByIdentityWhenItsHistoryRecordsTheVersion() throws IOException {
        Path img = DownloadRuns.image(dir, "tsst-ts-h353c", "SB02");
        CliRunner cli = new CliRunner(home);
        String device = "emu:tsst-ts-h353c?image=" + dir.resolve("tsst.bin");
        CliRunner.Run f = cli.run("flash", "--device", device, img.toString(), "--yes", "--without-backup");
        assertThat(f.exitCode()).as(f.toString()).isZero();
        CliRunner.Run s = cli.run("status", "--device", device, "--json");
        assertThat(s.json().path("basis").asText()).as(s.toString()).isEqualTo("identity");
        assertThat(s.json().path("inFlashHistory").asBoolean()).as(s.toString()).isTrue();
        assertThat(s.json().path("flashHistory").path("holds").path("sha256").asText())
                .isEqualTo(dev.odflash.bytes.Sha256.hex(Files.readAllBytes(img)));
    }
}
