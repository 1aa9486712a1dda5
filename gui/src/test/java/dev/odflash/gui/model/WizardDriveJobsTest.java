package dev.odflash.gui.model;

import dev.odflash.gui.EmulatorHost;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.transport.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The wizard shares the window's {@link DriveJobs}: a drive at work elsewhere is not flashed, another drive is. */
class WizardDriveJobsTest {
    @TempDir
    Path dir;

    private static DriveInfo probe(EmulatorHost host, String spec) throws Exception {
        try (Device d = host.open(spec)) {
            return host.probe().probe(d);
        }
    }

    private FlashWizardModel ready(EmulatorHost host, DriveJobs jobs, String spec) throws Exception {
        FlashWizardModel w = new FlashWizardModel(host, Threads.inline(),
                new OperationLog(Clock.systemUTC(), Optional.of(dir.resolve("logs"))), jobs);
        w.selectDrive(spec, probe(host, spec));
        w.chooseFile(host.firmware("1.20"));
        w.evaluateGates();
        assertThat(w.gatesPassed()).as("gates %s", w.gates()).isTrue();
        w.makePlan();
        w.askConfirmation();
        w.typeModel("CRW-5224A");
        assertThat(w.consentGiven()).isTrue();
        return w;
    }

    @Test
    void aDriveBackingUpIsNotFlashedAndWritesNothingWhileAnotherDriveFlashes() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String a = host.crw("a", "");
        String b = host.crw("b", "");
        DriveJobs jobs = new DriveJobs();
        FlashWizardModel wa = ready(host, jobs, a);
        byte[] before = Files.readAllBytes(host.image("a"));
        jobs.claim(a, "backup"); // drive A's card started a backup meanwhile
        wa.confirmAndFlash();
        assertThat(wa.outcome()).get().isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.failure())
                .isInstanceOfSatisfying(Failure.Refusal.class, r -> assertThat(r.gate()).isEqualTo(Gate.DRIVE_IN_USE)));
        assertThat(wa.closeBlocked()).isFalse();
        assertThat(host.counter("a", "writeCommands")).isZero();
        assertThat(Files.readAllBytes(host.image("a"))).isEqualTo(before);
        assertThat(jobs.running(a)).contains("backup"); // the refusal did not release the backup's claim

        FlashWizardModel wb = ready(host, jobs, b);
        wb.confirmAndFlash();
        assertThat(wb.outcome()).get().isInstanceOf(Outcome.Succeeded.class);
        assertThat(host.counter("b", "programs")).isPositive();
        assertThat(jobs.running(b)).isEmpty(); // released when the flash ended
    }
}
