package dev.odflash.gui.model;

import dev.odflash.doctor.Check;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.ops.OdflashException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor's typed checks as the Diagnostics screen's rows, without a display. */
class DoctorModelTest {
    @TempDir
    Path dir;

    @Test
    void theChecksBecomeRowsInTheGuisWordsSanitisedAndWithoutAFlag() {
        EmulatorHost host = new EmulatorHost(dir);
        host.doctor(List.of(
                Check.ok("java", "", "Java 25"),
                Check.warn("java", "", "native access not enabled", "run through the odflash launcher, or add"
                        + " --enable-native-access=ALL-UNNAMED"),
                Check.fail("INQUIRY", "/dev/sg1\u001b[2J", "no answer\nfrom the drive", "run again with --debug and report it"),
                Check.fail("permission", "/dev/sg2", "no read-write access", "join the cdrom group")));
        GuiModels m = new GuiModels(host, Threads.inline());
        DoctorModel d = m.doctor();
        assertThat(d.ran()).isFalse();
        d.run();
        assertThat(d.ran()).isTrue();
        assertThat(d.busy()).isFalse();
        assertThat(d.failures()).isEqualTo(2);
        List<DoctorModel.Row> rows = d.rows();
        assertThat(rows).extracting(DoctorModel.Row::status).containsExactly("passed", "warning", "failed", "failed");
        assertThat(rows).allSatisfy(r -> assertThat(String.join(" ", r.status(), r.check(), r.target(), r.detail(), r.fix()))
                .doesNotContain("--").doesNotContain("\u001b").doesNotContain("\n"));
        assertThat(rows.get(2).fix()).contains("Save report");
        assertThat(rows.get(1).fix()).contains("launcher");
        assertThat(rows.get(3).fix()).isEqualTo("join the cdrom group"); // a fix without an option is the doctor's own
    }

    @Test
    void aHostThatFailsEndsTheRunWithItsReasonAndReleasesTheButton() {
        EmulatorHost host = new EmulatorHost(dir) {
            @Override
            public List<Check> doctor() {
                throw new IllegalStateException("boom");
            }
        };
        DoctorModel d = new GuiModels(host, Threads.inline()).doctor();
        d.run();
        assertThat(d.busy()).isFalse();
        assertThat(d.failed()).isPresent();
        assertThat(d.failedWords()).isPresent();
        assertThat(d.rows()).isEmpty();
    }

    @Test
    void aTypedFailureIsWorded() {
        EmulatorHost host = new EmulatorHost(dir) {
            @Override
            public List<Check> doctor() throws OdflashException {
                throw OdflashException.usage("no such directory");
            }
        };
        DoctorModel d = new GuiModels(host, Threads.inline()).doctor();
        d.run();
        assertThat(d.failed()).get().isInstanceOf(Outcome.Failed.class);
        assertThat(d.failedWords()).get().asString().isNotBlank().doesNotContain("--");
    }
}
