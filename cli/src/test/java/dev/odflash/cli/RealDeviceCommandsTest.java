package dev.odflash.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The /dev and \\.\CdRom branch of DeviceResolver and list's discovery, without a drive. */
class RealDeviceCommandsTest {
    @TempDir
    Path home;

    @Test
    void aMissingDevNodeExitsThree() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "/dev/sr42", "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.json().path("error").path("kind").asText()).isEqualTo("device");
        assertThat(r.err()).contains("no such device: /dev/sr42");
    }

    @Test
    void aNodeThatIsNotScsiExitsThreeAndSaysSo() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "/dev/null");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("not a SCSI device");
    }

    @Test
    void windowsNamesOnLinuxExitThree() {
        CliRunner.Run r = new CliRunner(home).run("info", "--device", "\\\\.\\CdRom0");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("Windows SPTI");
    }

    @Test
    void listGivesDrivesAndEmulatedProfilesAsJson() {
        CliRunner.Run r = new CliRunner(home).run("list", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("drives").isArray()).isTrue();
        assertThat(r.json().path("emulated").get(0).path("device").asText()).isEqualTo("emu:asus-crw-5224a");
    }
}
