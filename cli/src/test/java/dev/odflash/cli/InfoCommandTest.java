package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {
    @TempDir
    Path home;

    @Test
    void emulatedDriveIsIdentifiedWithChipAndCapabilities() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("inquiry").path("vendor").asText()).isEqualTo("ASUS");
        assertThat(j.path("inquiry").path("product").asText()).isEqualTo("CRW-5224A");
        assertThat(j.path("inquiry").path("revision").asText()).isEqualTo("1.10");
        assertThat(j.path("family").asText()).isEqualTo("mtk8051");
        assertThat(j.path("layout").asText()).isEqualTo("mtk8051");
        assertThat(j.path("chip").path("name").asText()).isEqualTo("SST39SF040");
        assertThat(j.path("chip").path("manufacturerId").asText()).isEqualTo("0xBF");
        assertThat(j.path("chip").path("deviceId").asText()).isEqualTo("0xB7");
        assertThat(j.path("chip").path("size").asLong()).isEqualTo(512 * 1024);
        assertThat(j.path("capabilities").get(0).path("operation").asText()).isEqualTo("backup");
        assertThat(j.path("capabilities").get(0).path("available").asBoolean()).isTrue();
        assertThat(j.path("notes").toString()).contains("register level");
        assertThat(j.path("mediumPresent").asBoolean()).isFalse();
    }

    @Test
    void humanOutputSaysHowTheVendorModeIsReached() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("ASUS CRW-5224A, revision 1.10").contains("SST39SF040 (JEDEC 0xBF/0xB7)")
                .contains("task-file registers");
    }

    @Test
    void unknownChipIsReportedWithItsIdsAndHowToAddIt() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?chip=unknown", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode chip = r.json().path("chip");
        assertThat(chip.path("known").asBoolean()).isFalse();
        assertThat(chip.path("manufacturerId").asText()).isEqualTo("0x02");
        assertThat(chip.path("deviceId").asText()).isEqualTo("0x20");
        assertThat(chip.path("size").asLong()).isEqualTo(512 * 1024);
        assertThat(chip.path("sizeSource").asText()).isEqualTo("address wrap-around");
        assertThat(r.json().path("warnings").toString()).contains("--chip-db FILE").contains("0x02");
        assertThat(r.json().path("capabilities").get(0).path("available").asBoolean()).isTrue();
        assertThat(r.json().path("capabilities").get(1).path("how").asText()).contains("unknown chip");
    }

    @Test
    void chipDbNamesAnUnknownChip(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("mine.json");
        CliRunner.Run rows = new CliRunner(home).run("chips", "SST39SF040", "--json");
        String row = rows.json().path("chips").get(0).toString()
                .replace("\"SST39SF040\"", "\"MYSTERY512\"").replace("\"SST39SF040A\"", "\"MYSTERY-A\"")
                .replace("\"0xBF\"", "\"0x02\"").replace("\"0xB7\"", "\"0x20\"");
        Files.writeString(db, "{\"chips\": [" + row + "]}");
        CliRunner.Run r = new CliRunner(home).run("--chip-db", db.toString(), "info", "--device",
                "emu:asus-crw-5224a?chip=unknown", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("chip").path("name").asText()).isEqualTo("MYSTERY512");
        assertThat(r.json().path("chip").path("known").asBoolean()).isTrue();
    }

    @Test
    void badDeviceSpecsAreUsageErrors() {
        CliRunner cli = new CliRunner(home);
        assertThat(cli.run("info", "--device", "bogus").exitCode()).isEqualTo(2);
        CliRunner.Run unknownProfile = cli.run("info", "--device", "emu:no-such-drive");
        assertThat(unknownProfile.exitCode()).isEqualTo(2);
        assertThat(unknownProfile.err()).contains("unknown emulator profile").contains("asus-crw-5224a");
        assertThat(cli.run("info", "--device", "emu:asus-crw-5224a?colour=red").exitCode()).isEqualTo(2);
        assertThat(cli.run("info", "--device", "emu:asus-crw-5224a?chip=NOPE").exitCode()).isEqualTo(2);
        assertThat(cli.run("info", "--device", "emu:asus-crw-5224a?chip=MX25L1605").exitCode()).isEqualTo(2);
    }

    @Test
    void imageFileOfTheWrongSizeIsAUsageError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("small.bin");
        Files.write(f, new byte[1000]);
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?image=" + f);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("neither padded nor cut");
        assertThat(Files.size(f)).isEqualTo(1000);
    }

    @Test
    void missingRealDeviceIsADeviceError() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "/dev/sg99");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("no such device");
    }

    @Test
    void drivesWhoseFirmwareIsDamagedComeUpInBootMode(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("flash.bin");
        assertThat(new CliRunner(home).run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.20",
                "-o", f.toString()).exitCode()).isZero();
        byte[] image = Files.readAllBytes(f);
        image[0x20000] = 0x00; // bank 2 no longer starts with the 8051 LJMP
        Files.write(f, image);
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?image=" + f, "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("inquiry").path("revision").asText()).isEqualTo("BOOT");
        assertThat(r.json().path("bootMode").asBoolean()).isTrue();
        assertThat(r.json().path("chip").path("name").asText()).isEqualTo("SST39SF040");
    }

    @Test
    void driveWithADestroyedBootRegionDoesNotAnswer(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("flash.bin");
        new CliRunner(home).run("emu", "firmware", "--profile", "asus-crw-5224a", "--version", "1.10", "-o", f.toString());
        byte[] image = Files.readAllBytes(f);
        java.util.Arrays.fill(image, 0x1000, 0x2000, (byte) 0xFF);
        Files.write(f, image);
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?image=" + f);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("did not answer");
    }

    @Test
    void usbBridgeThatDropsVendorCommandsLeavesIdentityButNoChip() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?bridge=drop-vendor", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("chip").path("manufacturerId").isNull()).isTrue();
        assertThat(r.json().path("warnings").toString()).contains("USB bridge");
        assertThat(r.json().path("capabilities").get(0).path("available").asBoolean()).isFalse();
    }

    @Test
    void mediumPresentIsReported() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "emu:asus-crw-5224a?medium=present", "--json");
        assertThat(r.json().path("mediumPresent").asBoolean()).isTrue();
        assertThat(r.json().path("currentProfile").asText()).isEqualTo("CD-R");
    }
}
