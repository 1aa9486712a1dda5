package dev.odflash.gui.model;

import dev.odflash.doctor.Check;
import dev.odflash.gui.EmulatorHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Recovery screen's facts from the doctor's typed checks (the names DoctorChecks and PortText give), no display. */
class RecoveryModelTest {
    @TempDir
    Path dir;

    @Test
    void beforeTheChecksRanNothingIsClaimed() {
        GuiModels m = new GuiModels(new EmulatorHost(dir), Threads.inline());
        RecoveryModel r = m.recovery();
        assertThat(r.portPath().accessPossible()).isEmpty();
        assertThat(r.portPath().access()).contains("not checked yet");
        assertThat(r.programmer().libraryLoads()).isEmpty();
    }

    @Test
    void channelsPortAccessAndLibflashromComeFromTheChecksSanitised() {
        EmulatorHost host = new EmulatorHost(dir);
        host.doctor(List.of(Check.ok("java", "", "Java 25"),
                Check.info("IDE channel", "", "0000:00:1f.1 primary (0x1F0), driver ata_piix; master HL-DT-ST\u001b[2J GCE-8525B /dev/sg0"),
                Check.info("IDE channel", "", "0000:00:1f.1 secondary (0x170), no driver bound; no drive listed"),
                Check.info("port access", "", "not possible: not root (needs CAP_SYS_RAWIO)"),
                Check.info("libflashrom", "", "libflashrom.so.1 not found; only flashrom: devices need it")));
        GuiModels m = new GuiModels(host, Threads.inline());
        RecoveryModel r = m.recovery();
        m.doctor().run();
        RecoveryModel.PortPath p = r.portPath();
        assertThat(p.channels()).hasSize(2);
        assertThat(p.channels().getFirst()).contains("0x1F0").doesNotContain("\u001b");
        assertThat(p.accessPossible()).contains(false);
        assertThat(p.access()).contains("not root");
        assertThat(r.programmer().libraryLoads()).contains(false);
        assertThat(r.programmer().detail()).contains("not found");

        host.doctor(List.of(Check.info("port access", "", "possible (root or CAP_SYS_RAWIO, /dev/port present, lockdown off)"),
                Check.ok("libflashrom", "", "libflashrom loads")));
        m.doctor().run();
        assertThat(r.portPath().channels()).isEmpty();
        assertThat(r.portPath().accessPossible()).isEqualTo(Optional.of(true));
        assertThat(r.programmer().libraryLoads()).contains(true);
    }

    @Test
    void rootPathsOfferTheirCommandsToCopyAndTheStepsNameNoFlag() {
        assertThat(RecoveryModel.needsRoot()).contains("needs root");
        assertThat(RecoveryCommands.port()).allSatisfy(c -> assertThat(c.line()).startsWith("sudo odflash "));
        assertThat(RecoveryCommands.port()).extracting(RecoveryCommands.Command::line)
                .contains("sudo odflash list", "sudo odflash backup --device port:1 --family mtk8051");
        assertThat(RecoveryCommands.clip()).extracting(RecoveryCommands.Command::line)
                .contains("odflash backup --device flashrom:ch341a_spi --chip NAME");
        // outside the commands to copy, the screen's words spell no option
        assertThat(RecoveryModel.clipSteps()).hasSize(5).noneMatch(s -> s.contains("--"));
        assertThat(RecoveryModel.warning() + RecoveryModel.needsRoot()).doesNotContain("--");
    }
}
