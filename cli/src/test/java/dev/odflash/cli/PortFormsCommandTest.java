package dev.odflash.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port: forms through the CLI against a fake sysfs (with proc/ and dev/port beside it): what `list`, `doctor`
 * and `info --dry-run` say, and the usage errors. The port session itself is tested in native's PortSessionTest
 * (an in-memory PIIX channel), through the CLI in PortSessionCommandTest (the register-level emulated drive behind the
 * ports) and end to end by scripts/kernel-test.sh.
 */
class PortFormsCommandTest {
    static final String FN = "0000:00:01.1";
    @TempDir
    Path home;
    @TempDir
    Path root;
    Path sys;

    @BeforeEach
    void tree() throws IOException {
        sys = root.resolve("sys");
        Path fn = sys.resolve("devices/pci0000:00").resolve(FN);
        Files.createDirectories(fn);
        Files.createDirectories(sys.resolve("bus/pci/devices"));
        Files.createDirectories(sys.resolve("bus/pci/drivers/ata_piix"));
        Files.createDirectories(sys.resolve("bus/scsi/devices"));
        Files.createSymbolicLink(sys.resolve("bus/pci/devices").resolve(FN), fn);
        Files.createSymbolicLink(fn.resolve("driver"), sys.resolve("bus/pci/drivers/ata_piix"));
        Files.writeString(fn.resolve("class"), "0x010180\n");
        Files.writeString(fn.resolve("resource"), "0x0000000000000000 0x0000000000000000 0x0000000000000000\n".repeat(13));
        for (int ata = 1; ata <= 2; ata++) {
            Path port = fn.resolve("ata" + ata + "/ata_port/ata" + ata);
            Files.createDirectories(port);
            Files.writeString(port.resolve("port_no"), ata + "\n");
        }
        Path dev = fn.resolve("ata2/host1/target1:0:0/1:0:0:0");
        Files.createDirectories(dev.resolve("scsi_generic/sg1"));
        Files.createDirectories(dev.resolve("block/sr0"));
        Files.writeString(dev.resolve("type"), "5\n");
        Files.writeString(dev.resolve("vendor"), "ASUS    \n");
        Files.writeString(dev.resolve("model"), "CRW-5224A       \n");
        Files.createDirectories(sys.resolve("kernel/security"));
        Files.writeString(sys.resolve("kernel/security/lockdown"), "[none] integrity confidentiality\n");
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/status"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");
        Files.createDirectories(root.resolve("dev"));
    }

    private CliRunner.Run run(String... args) {
        return new CliRunner(home).run(args);
    }

    @Test
    void listShowsTheChannelsTheDriveOnThemAndWhyPortAccessIsNotPossible() {
        CliRunner.Run r = run("list", "--sysfs", sys.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode channels = r.json().path("ideChannels");
        assertThat(channels).hasSize(2);
        assertThat(channels.get(1).path("function").asText()).isEqualTo(FN);
        assertThat(channels.get(1).path("commandBase").asText()).isEqualTo("0x170");
        assertThat(channels.get(1).path("driver").asText()).isEqualTo("ata_piix");
        assertThat(channels.get(1).path("drives").get(0).path("portForm").asText()).isEqualTo("port:/dev/sg1");
        assertThat(channels.get(1).path("drives").get(1).path("portForm").asText()).isEqualTo("port:4");
        assertThat(channels.get(0).path("drives").get(0).path("portForm").asText()).isEqualTo("port:1");
        JsonNode access = r.json().path("portAccess");
        assertThat(access.path("ready").asBoolean()).isFalse();
        assertThat(access.toString()).contains("not held (effective uid 1000)").contains("/dev/port");
        CliRunner.Run text = run("list", "--sysfs", sys.toString());
        assertThat(text.out()).contains("IDE channels (the port: forms):")
                .contains(FN + " secondary channel (0x170/0x376), legacy ports, driver ata_piix")
                .contains("master 1:0:0:0 ASUS CRW-5224A  port:/dev/sg1")
                .contains("Port access: not possible: root or CAP_SYS_RAWIO");
    }

    @Test
    void doctorShowsTheChannelsAndPortAccessAsInformation() {
        CliRunner.Run r = run("doctor", "--sysfs", sys.toString());
        assertThat(r.out()).as(r.toString()).contains("IDE channel").contains(FN + " secondary channel (0x170/0x376)")
                .contains("master ASUS CRW-5224A /dev/sg1").contains("port access").contains("not possible");
    }

    @Test
    void dryRunPrintsWhatAFormResolvedToAndOpensNothing() {
        CliRunner.Run r = run("info", "--device", "port:/dev/sg1", "--dry-run", "--sysfs", sys.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("function").asText()).isEqualTo(FN);
        assertThat(r.json().path("channel").asText()).isEqualTo("secondary");
        assertThat(r.json().path("position").asText()).isEqualTo("master");
        assertThat(r.json().path("listed").asText()).isEqualTo("1:0:0:0");
        CliRunner.Run dead = run("info", "--device", "port:2", "--dry-run", "--sysfs", sys.toString());
        assertThat(dead.exitCode()).as(dead.toString()).isZero();
        assertThat(dead.out()).contains("port:2 -> " + FN + " primary channel (0x1F0/0x3F6)").contains("slave")
                .contains("the kernel lists no drive there").contains("Nothing was opened or sent");
    }

    @Test
    void dryRunSaysWhetherATAPIIdentificationOrTheDeadDriveVendorModeWillBeUsed() {
        CliRunner.Run listed = run("info", "--device", "port:/dev/sg1", "--dry-run", "--sysfs", sys.toString(), "--json");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.json().path("identification").asText()).isEqualTo("atapi");
        assertThat(listed.json().path("path").asText()).contains("INQUIRY through SG_IO on /dev/sg1");
        CliRunner.Run dead = run("info", "--device", "port:2", "--dry-run", "--sysfs", sys.toString());
        assertThat(dead.exitCode()).as(dead.toString()).isZero();
        assertThat(dead.out()).contains("Path: dead-drive vendor mode: the kernel lists no drive there")
                .contains("--family mtk8051 (not given)").contains("an identified or named chip (--chip)")
                .contains("two-pass vendor-mode backup before any write");
        CliRunner.Run named = run("info", "--device", "port:2", "--family", "mtk8051", "--dry-run", "--sysfs",
                sys.toString(), "--json");
        assertThat(named.json().path("identification").asText()).isEqualTo("dead-drive vendor mode");
        assertThat(named.json().path("path").asText()).contains("--family mtk8051 (given)");
    }

    @Test
    void doctorsPortAdviceCoversADeadDrive() {
        CliRunner.Run r = run("doctor", "--sysfs", sys.toString());
        assertThat(r.out()).as(r.toString()).contains("dead drive")
                .contains("a drive that no longer answers ATAPI").contains("--family mtk8051");
    }

    @Test
    void formsThatNameNoScannedChannelOrAListedPositionAreUsageErrors() {
        CliRunner.Run free = run("info", "--device", "port:0x378:master", "--dry-run", "--sysfs", sys.toString());
        assertThat(free.exitCode()).as(free.toString()).isEqualTo(2);
        assertThat(free.err()).contains("0x378 is not the command block of an IDE channel the scan found");
        CliRunner.Run listed = run("info", "--device", "port:3", "--dry-run", "--sysfs", sys.toString());
        assertThat(listed.exitCode()).isEqualTo(2);
        assertThat(listed.err()).contains("name it port:/dev/sg1");
        CliRunner.Run shape = run("info", "--device", "port:9", "--dry-run", "--sysfs", sys.toString());
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.err()).contains("is not a port form");
        CliRunner.Run notPort = run("info", "--device", "emu:asus-crw-5224a", "--dry-run");
        assertThat(notPort.exitCode()).isEqualTo(2);
        assertThat(notPort.err()).contains("--dry-run is for the port: forms");
    }

    @Test
    void familyCanOnlyNameMtk8051AndOnlyOnAPortForm() {
        CliRunner.Run other = run("info", "--device", "emu:asus-crw-5224a", "--family", "mtk8051");
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(2);
        assertThat(other.err()).contains("--family is for the port: forms");
        CliRunner.Run wrong = run("info", "--device", "port:/dev/sg1", "--family", "mt19xx");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("only a family whose vendor mode goes over the task-file registers");
    }
}
