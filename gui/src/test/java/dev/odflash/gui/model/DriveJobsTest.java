package dev.odflash.gui.model;

import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One job per drive, any number of drives, one external programmer per process. */
class DriveJobsTest {
    @Test
    void twoDrivesWorkAtOnceButOneDriveTakesOneJob() throws Exception {
        DriveJobs jobs = new DriveJobs();
        jobs.claim("emu:a", "backup");
        jobs.claim("emu:b", "flash");
        assertThat(jobs.running("emu:a")).contains("backup");
        assertThatThrownBy(() -> jobs.claim("emu:a", "flash")).isInstanceOfSatisfying(OdflashException.class, e -> {
            assertThat(e.failure()).isInstanceOfSatisfying(Failure.Refusal.class, r -> assertThat(r.gate())
                    .isEqualTo(Gate.DRIVE_IN_USE));
            assertThat(e.getMessage()).contains("busy with a backup");
        });
        jobs.release("emu:a");
        jobs.claim("emu:a", "flash");
        assertThat(jobs.running("emu:a")).contains("flash");
    }

    @Test
    void aSecondExternalProgrammerIsRefusedWithTheReason() throws Exception {
        DriveJobs jobs = new DriveJobs();
        jobs.claim("flashrom:ch341a_spi", "backup");
        jobs.claim("emu:a", "backup"); // a drive beside the programmer is fine
        assertThatThrownBy(() -> jobs.claim("flashrom:ft2232_spi:type=2232H", "flash"))
                .isInstanceOf(OdflashException.class).hasMessageContaining("external programmer is already in use")
                .hasMessageContaining("only one programmer");
        assertThat(jobs.running("flashrom:ft2232_spi:type=2232H")).isEmpty();
        jobs.release("flashrom:ch341a_spi");
        jobs.claim("flashrom:ft2232_spi:type=2232H", "flash");
    }
}
