package dev.odflash.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: for each write granularity a flash through the CLI leaves the emulator without a single
 * "programmed without erase" violation. The bit part is a --chip-db row (no datasheet in the table
 * allows reprogramming, so no built-in row has the bit model).
 */
class WriteGranularityTest {
    @TempDir
    Path home;
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"SST39SF040, byte", "W29C040, autopage:256", "MX25L4005, page:256", "TESTBIT512, bit"})
    void flashingHonoursTheWriteModel(String chip, String model) throws IOException {
        Path db = dir.resolve("bit.json");
        Files.writeString(db, """
                {"chips": [{"name": "TESTBIT512", "vendor": "test", "bus": "parallel", "manufacturerId": "0x55",
                  "deviceId": "0x01", "size": 524288, "writeModel": "bit", "programTime": {"typUs": 10, "maxUs": 20},
                  "erasers": [{"name": "sector", "regions": [{"size": 4096, "count": 128}], "time": {"typUs": 20000, "maxUs": 25000}},
                              {"name": "chip", "regions": [{"size": 524288, "count": 1}], "time": {"typUs": 80000, "maxUs": 100000}}],
                  "readAccessNs": 70, "timingInferred": true, "source": "test part: bit write model"}]}""");
        CliRunner cli = new CliRunner(home);
        Path flash = dir.resolve("flash.bin");
        String device = "emu:asus-crw-5224a?chip=" + chip + "&image=" + flash;
        Path target = dir.resolve("1.35.bin");
        assertThat(cli.run("--chip-db", db.toString(), "emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.35",
                "--chip", chip, "-o", target.toString()).exitCode()).isZero();
        CliRunner.Run info = cli.run("--chip-db", db.toString(), "info", "--device", device, "--json");
        assertThat(info.json().path("chip").path("writeModel").asText()).isEqualTo(model);
        for (String v : new String[]{"1.20", "1.35"}) {
            Path img = dir.resolve(v + ".bin");
            if (!Files.exists(img)) {
                cli.run("--chip-db", db.toString(), "emu", "firmware", "--profile", "asus-crw-5224a", "--version", v,
                        "--chip", chip, "-o", img.toString());
            }
            CliRunner.Run r = cli.run("--chip-db", db.toString(), "flash", "--device", device, img.toString(), "--yes",
                    "--json");
            assertThat(r.exitCode()).as(chip + " " + v + "\n" + r).isZero();
            assertThat(r.json().path("emulator").path("violations").asLong()).as(chip).isZero();
            assertThat(r.json().path("verified").asBoolean()).isTrue();
            assertThat(Files.readAllBytes(flash)).isEqualTo(Files.readAllBytes(img));
        }
    }
}
