package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorCommandTest {
    @TempDir
    Path home;

    private static JsonNode check(JsonNode doc, String name) {
        for (JsonNode c : doc.path("checks")) {
            if (c.path("check").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + doc);
    }

    private static List<String> names(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("checks").forEach(c -> out.add(c.path("check").asText()));
        return out;
    }

    @Test
    void emulatedDrivePassesEveryCheckInOrder() {
        CliRunner.Run r = new CliRunner(home).run("doctor", "--device", "emu:asus-crw-5224a", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("passed").asBoolean()).isTrue();
        assertThat(names(j)).startsWith("java", "platform", "INQUIRY", "TEST UNIT READY", "vendor probe")
                .contains("path mtk8051", "path btc", "path tsst", "path mt19xx", "path external");
        assertThat(check(j, "java").path("status").asText()).isEqualTo("ok");
        assertThat(check(j, "INQUIRY").path("detail").asText()).contains("ASUS CRW-5224A 1.10");
        assertThat(check(j, "TEST UNIT READY").path("detail").asText()).contains("medium not present");
        JsonNode probe = check(j, "vendor probe");
        assertThat(probe.path("status").asText()).isEqualTo("ok");
        assertThat(probe.path("detail").asText()).contains("no documented harmless vendor command")
                .contains("0xBF/0xB7");
        assertThat(check(j, "path mtk8051").path("target").asText()).isEqualTo("this drive");
    }

    @Test
    void aBridgeThatDropsVendorCommandsFailsTheProbeWithAFix() {
        CliRunner.Run r = new CliRunner(home).run("doctor", "--device", "emu:asus-crw-5224a?bridge=drop-vendor", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.json().path("error").path("exitCode").asInt()).isEqualTo(3);
        JsonNode probe = check(r.json(), "vendor probe");
        assertThat(probe.path("status").asText()).isEqualTo("fail");
        assertThat(probe.path("fix").asText()).contains("SATA/IDE port");
        assertThat(r.json().path("passed").asBoolean()).isFalse();
    }

    @Test
    void humanOutputSaysWhatToDo() {
        CliRunner.Run r = new CliRunner(home).run("doctor", "--device", "emu:asus-crw-5224a?bridge=drop-vendor");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("fail  vendor probe").contains("fix: connect the drive").contains("1 check(s) failed");
    }

    @Test
    void withoutADriveTheDeviceCheckFailsAndSaysWhy(@TempDir Path sys) throws IOException {
        Files.createDirectories(sys.resolve("bus/scsi/devices"));
        CliRunner.Run r = new CliRunner(home).run("doctor", "--sysfs", sys.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        JsonNode nodes = check(r.json(), "device nodes");
        assertThat(nodes.path("status").asText()).isEqualTo("fail");
        assertThat(nodes.path("detail").asText()).contains("no optical drive");
        assertThat(nodes.path("fix").asText()).contains("dmesg");
        JsonNode sg = check(r.json(), "sg driver");
        assertThat(sg.path("status").asText()).isEqualTo("fail");
        assertThat(sg.path("fix").asText()).contains("modprobe sg");
    }

    @Test
    void aDriveWhoseNodeIsMissingIsReported(@TempDir Path sys) throws IOException {
        // the kernel's layout: the device directory under devices/, a link in bus/scsi/devices
        Path dev = Files.createDirectories(sys.resolve("devices/pci0000:00/ata1/host0/target0:0:0/0:0:0:0"));
        Files.writeString(dev.resolve("type"), "5\n");
        Files.writeString(dev.resolve("vendor"), "QEMU    \n");
        Files.writeString(dev.resolve("model"), "QEMU DVD-ROM    \n");
        Files.createDirectories(dev.resolve("scsi_generic/sg97"));
        Files.createDirectories(dev.resolve("block/sr97"));
        Files.createDirectories(sys.resolve("bus/scsi/devices"));
        Files.createSymbolicLink(sys.resolve("bus/scsi/devices/0:0:0:0"), dev);
        Files.createDirectories(sys.resolve("class/scsi_generic"));
        CliRunner.Run r = new CliRunner(home).run("doctor", "--sysfs", sys.toString(), "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(check(r.json(), "device nodes").path("detail").asText()).contains("/dev/sg97 is missing");
        assertThat(check(r.json(), "sg driver").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aMissingDeviceNodeIsADeviceProblem() {
        CliRunner.Run r = new CliRunner(home).run("doctor", "--device", "/dev/sg99", "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(check(r.json(), "device nodes").path("detail").asText()).contains("no such device node");
    }

    @Test
    void aBadSpecIsAUsageError() {
        assertThat(new CliRunner(home).run("doctor", "--device", "emu:no-such").exitCode()).isEqualTo(2);
    }
}
