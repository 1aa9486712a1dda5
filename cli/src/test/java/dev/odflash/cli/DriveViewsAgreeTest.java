package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.odflash.cli.FlashFixtures.image;
import static dev.odflash.cli.FlashFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10 §8: status, doctor and identify --device say what flash and info say, on every family. */
class DriveViewsAgreeTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @Test
    void identifyWithADeviceRefusesAChangedBootRegionAsFlashDoes() throws IOException {
        Path flash = write(dir, "flash.bin", image("1.10"));
        String device = "emu:asus-crw-5224a?image=" + flash;
        byte[] changed = image("1.20");
        changed[0x100] ^= (byte) 0xFF; // inside the 16 KiB boot region
        Path file = write(dir, "boot-changed.bin", changed);
        Path trace = dir.resolve("identify.jsonl");
        CliRunner cli = new CliRunner(home);
        CliRunner.Run id = cli.run("identify", file.toString(), "--device", device, "--json", "--trace", trace.toString());
        assertThat(id.exitCode()).as(id.toString()).isEqualTo(4);
        JsonNode dev = id.json().path("device");
        assertThat(dev.path("fits").asBoolean()).isFalse();
        assertThat(dev.path("gates").findValuesAsText("name")).contains("boot");
        CliRunner.Run text = cli.run("identify", file.toString(), "--device", device);
        assertThat(text.out()).contains("[REFUSE] boot").doesNotContain("Verdict: valid image\n");
        CliRunner.Run fl = cli.run("flash", "--device", device, file.toString(), "--yes");
        assertThat(fl.exitCode()).isEqualTo(4);
        assertThat(fl.err()).contains("gate boot");
        assertThat(FlashFixtures.noWriteCommand(trace)).as("identify sent no write command").isTrue();
        assertThat(Files.readAllBytes(flash)).isEqualTo(image("1.10"));
        CliRunner.Run good = cli.run("identify", write(dir, "ok.bin", image("1.20")).toString(), "--device", device);
        assertThat(good.exitCode()).as(good.toString()).isZero();
        assertThat(good.out()).contains("Verdict: structure valid");
    }

    @Test
    void doctorsPathLinesAreInfosCapabilities() {
        CliRunner cli = new CliRunner(home);
        CliRunner.Run doctor = cli.run("doctor", "--device", "emu:btc-drw1008", "--json");
        assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
        for (String profile : new String[]{"btc-drw1008", "tsst-ts-h353c", "asus-bw16d1ht"}) {
            JsonNode info = cli.run("info", "--device", "emu:" + profile, "--json").json();
            String family = info.path("family").asText();
            String flashHow = "";
            for (JsonNode c : info.path("capabilities")) {
                if (c.path("operation").asText().equals("flash")) {
                    flashHow = c.path("how").asText();
                }
            }
            String path = "";
            for (JsonNode c : doctor.json().path("checks")) {
                if (c.path("check").asText().equals("path " + family)) {
                    path = c.path("detail").asText();
                }
            }
            assertThat(path).as(family).doesNotContain("not implemented");
            if (!family.equals("tsst")) { // info names the drive's tsst layout, doctor all three
                assertThat(path).as(family).contains(flashHow);
            } else {
                assertThat(path).contains("vendor download FF 00 01");
            }
        }
    }

    @Test
    void statusOfAnUnreadableDriveRunningAnUnknownVersionIsAMismatch() throws IOException {
        byte[] image = DownloadFirmware.image(EmulatorProfiles.BTC_DRW1008, "0076");
        System.arraycopy("0099".getBytes(), 0, image, 0x40B4 + 32, 4); // a revision no known image carries
        Path file = Files.write(dir.resolve("btc.bin"), image);
        CliRunner.Run r = new CliRunner(home).run("status", "--device", "emu:btc-drw1008?image=" + file, "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.json().path("basis").asText()).isEqualTo("identity");
        assertThat(r.json().path("revision").asText()).isEqualTo("0099");
        assertThat(r.json().path("intact").asBoolean()).isFalse();
    }
}
