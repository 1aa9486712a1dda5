package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Download-style flashing through the CLI: gates send no download command; per-unit data is kept. */
class DownloadFlashTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Path image(String profile, String version) throws IOException {
        return DownloadRuns.image(dir, profile, version);
    }

    /** The run is refused (exit 4) and its trace holds no WRITE BUFFER and no FF 00 01. */
    private CliRunner.Run refused(String... args) throws IOException {
        return DownloadRuns.refusedWithoutDownload(home, dir, args);
    }

    @Test
    void familiesWithoutReadPathNeedWithoutBackup() throws IOException {
        Path img = image("btc-drw1008", "0058");
        assertThat(refused("flash", "--device", "emu:btc-drw1008", img.toString(), "--yes").err())
                .contains("--without-backup");
    }

    @Test
    void anImageOfAnotherLayoutIsRefusedWhateverTheFlags() throws IOException {
        Path mtk = dir.resolve("mtk.bin");
        Files.write(mtk, Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.20", 256 * 1024));
        assertThat(refused("flash", "--device", "emu:tsst-ts-h353c", mtk.toString(), "--yes", "--without-backup",
                "--allow-cross-flash").err()).contains("gate");
        Path mt1939 = image("samsung-se506cb", "TS02");
        assertThat(refused("flash", "--device", "emu:asus-bw16d1ht", mt1939.toString(), "--yes", "--allow-cross-flash")
                .err()).contains("gate layout");
    }

    @Test
    void sameAndOlderVersionsNeedTheirFlags() throws IOException {
        assertThat(refused("flash", "--device", "emu:tsst-ts-h353c", image("tsst-ts-h353c", "SB01").toString(), "--yes",
                "--without-backup").err()).contains("--allow-reinstall");
        assertThat(refused("flash", "--device", "emu:tsst-ts-h353c", image("tsst-ts-h353c", "SB00").toString(), "--yes",
                "--without-backup").err()).contains("--allow-older");
    }

    @Test
    void mt19xxKeepsTheUnitsCalibrationAndRefusesAnotherUnitsDump() throws IOException {
        Path flashA = dir.resolve("a.bin");
        Path flashB = dir.resolve("b.bin");
        CliRunner cli = new CliRunner(home);
        // unit A's own backup is a raw dump carrying A's calibration
        CliRunner.Run backupA = cli.run("backup", "--device", "emu:asus-bw16d1ht?unit=A&image=" + flashA, "-o",
                dir.resolve("unitA.bin").toString(), "--json");
        assertThat(backupA.exitCode()).as(backupA.toString()).isZero();
        assertThat(cli.run("info", "--device", "emu:asus-bw16d1ht?unit=B&image=" + flashB, "--json").exitCode()).isZero();
        byte[] b = Files.readAllBytes(flashB);
        byte[] a = Files.readAllBytes(flashA);
        assertThat(java.util.Arrays.equals(a, 0x1F0000, 0x200000, b, 0x1F0000, 0x200000))
                .as("two emulated units differ in calibration").isFalse();
        // flashing unit A's dump to unit B: refused (another unit's calibration)
        Path dumpA = dir.resolve("unitA.bin");
        CliRunner.Run r = refused("flash", "--device", "emu:asus-bw16d1ht?image=" + flashB, dumpA.toString(), "--yes",
                "--allow-reinstall");
        assertThat(r.err()).contains("another unit");
        // a vendor image (no calibration) keeps B's own calibration
        CliRunner.Run ok = cli.run("flash", "--device", "emu:asus-bw16d1ht?image=" + flashB,
                image("asus-bw16d1ht", "3.10").toString(), "--yes", "--json");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        JsonNode j = ok.json();
        assertThat(j.path("verification").asText()).isEqualTo("read-back");
        assertThat(j.path("perUnitDataKept").asBoolean()).isTrue();
        byte[] after = Files.readAllBytes(flashB);
        assertThat(java.util.Arrays.equals(after, 0x1F0000, 0x200000, b, 0x1F0000, 0x200000)).isTrue();
        assertThat(cli.run("info", "--device", "emu:asus-bw16d1ht?image=" + flashB, "--json").json()
                .path("inquiry").path("revision").asText()).isEqualTo("3.10");
    }

    @Test
    void mt19xxBootIdMismatchIsRefusedEvenWithEveryFlag() throws IOException {
        byte[] img = DownloadFirmware.image(EmulatorProfiles.byName("asus-bw16d1ht").orElseThrow(), "3.10");
        byte[] id = "MT1959 Boot XX9 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, img, 0x3000, 16);
        Path f = dir.resolve("other-boot.bin");
        Files.write(f, img);
        CliRunner.Run r = refused("flash", "--device", "emu:asus-bw16d1ht", f.toString(), "--yes", "--allow-cross-flash",
                "--allow-reinstall", "--allow-older");
        assertThat(r.err()).contains("boot");
    }

    @Test
    void dryRunSendsNothing() throws IOException {
        Path trace = dir.resolve("dry.jsonl");
        CliRunner.Run r = new CliRunner(home).run("flash", "--device", "emu:samsung-se506cb",
                image("samsung-se506cb", "TS02").toString(), "--dry-run", "--without-backup", "--json", "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("streamedBytes").asLong()).isEqualTo(0x200000);
        assertThat(GoldenTraceTest.downloadCommands(trace)).isEmpty();
    }

    @Test
    void infoShowsEachFamilysCapabilities() {
        CliRunner cli = new CliRunner(home);
        JsonNode btc = cli.run("info", "--device", "emu:btc-drw1008", "--json").json();
        assertThat(btc.path("family").asText()).isEqualTo("btc");
        assertThat(btc.path("capabilities").get(0).path("available").asBoolean()).isFalse();
        assertThat(btc.path("capabilities").get(1).path("available").asBoolean()).isTrue();
        JsonNode mt = cli.run("info", "--device", "emu:asus-bw16d1ht", "--json").json();
        assertThat(mt.path("family").asText()).isEqualTo("mt19xx");
        assertThat(mt.path("capabilities").get(0).path("available").asBoolean()).isTrue();
        JsonNode tsst = cli.run("info", "--device", "emu:samsung-sd616f", "--json").json();
        assertThat(tsst.path("layout").asText()).isEqualTo("sd616");
        assertThat(tsst.path("chip").path("size").asLong()).isEqualTo(0x20000);
    }
}
