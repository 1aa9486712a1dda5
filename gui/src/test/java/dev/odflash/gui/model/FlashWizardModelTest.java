package dev.odflash.gui.model;

import dev.odflash.gui.EmulatorHost;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Failure;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;
import dev.odflash.transport.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wizard's rules without a display, against emulated CRW-5224A drives (the cases freemkv-flash's GUI
 * tests cover, written for this engine): the target is frozen at confirmation, consent is dropped when the
 * drive changes, a dead worker releases the controls, progress comes from the engine's events, and a
 * report sits beside every error.
 */
class FlashWizardModelTest {
    @TempDir
    Path dir;

    private DriveInfo probe(EmulatorHost host, String spec) throws Exception {
        try (Device d = host.open(spec)) {
            return host.probe().probe(d);
        }
    }

    private OperationLog log() {
        return new OperationLog(Clock.systemUTC(), Optional.of(dir.resolve("logs")));
    }

    /** Drive a, file 1.20, gates, plan, and the model typed: ready to confirm. */
    private FlashWizardModel readyToConfirm(EmulatorHost host, Threads threads, String spec) throws Exception {
        FlashWizardModel w = new FlashWizardModel(host, threads, log());
        w.selectDrive(spec, probe(host, spec));
        w.chooseFile(host.firmware("1.20"));
        w.evaluateGates();
        assertThat(w.gatesPassed()).as("gates %s", w.gates()).isTrue();
        w.makePlan();
        assertThat(w.plan()).isPresent();
        w.askConfirmation();
        w.typeModel("CRW-5224A");
        assertThat(w.consentGiven()).isTrue();
        return w;
    }

    @Test
    void theTargetIsFrozenAtConfirmation() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String a = host.crw("a", "");
        String b = host.crw("b", "");
        ManualExecutor worker = new ManualExecutor();
        Threads threads = new Threads(worker, Runnable::run);
        FlashWizardModel w = new FlashWizardModel(host, threads, log());
        w.selectDrive(a, probe(host, a));
        DriveInfo infoB = probe(host, b);
        w.chooseFile(host.firmware("1.20"));
        worker.runAll();
        w.evaluateGates();
        worker.runAll();
        w.makePlan();
        worker.runAll();
        w.askConfirmation();
        w.typeModel("CRW-5224A");
        w.confirmAndFlash();
        assertThat(w.closeBlocked()).isTrue();
        // while the flash is queued the user picks drive b: the flash still goes to a
        w.selectDrive(b, infoB);
        worker.runAll();
        assertThat(w.outcome()).get().isInstanceOf(Outcome.Succeeded.class);
        assertThat(w.frozen().orElseThrow().spec()).isEqualTo(a);
        assertThat(host.counter("a", "programs")).isPositive();
        assertThat(host.counter("b", "writeCommands")).isZero();
        assertThat(Files.readAllBytes(host.image("a"))).isEqualTo(Files.readAllBytes(host.firmware("1.20")));
    }

    @Test
    void consentIsDroppedWhenTheDriveChanges() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String a = host.crw("a", "");
        String b = host.crw("b", "");
        FlashWizardModel w = readyToConfirm(host, Threads.inline(), a);
        w.selectDrive(b, probe(host, b));
        assertThat(w.consentGiven()).isFalse();
        assertThat(w.typedModel()).isEmpty();
        assertThat(w.plan()).isEmpty();
        assertThat(w.gates()).isEmpty();
        w.confirmAndFlash(); // no consent: nothing starts
        assertThat(w.running()).isFalse();
        assertThat(w.outcome()).isEmpty();
        assertThat(host.counter("a", "writeCommands")).isZero();
        assertThat(host.counter("b", "writeCommands")).isZero();
    }

    @Test
    void theModelMustBeTypedExactlyAndOverridesDropConsentToo() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String a = host.crw("a", "");
        FlashWizardModel w = readyToConfirm(host, Threads.inline(), a);
        w.typeModel("CRW-5224");
        assertThat(w.consentGiven()).isFalse();
        w.typeModel("crw-5224a");
        assertThat(w.consentGiven()).isFalse();
        w.typeModel("CRW-5224A");
        assertThat(w.consentGiven()).isTrue();
        w.setOverride(Choice.INCLUDE_BOOT, true);
        assertThat(w.consentGiven()).isFalse();
        assertThat(w.plan()).isEmpty();
        assertThat(w.stage()).isEqualTo(FlashWizardModel.Stage.GATES);
    }

    @Test
    void aDeadWorkerReleasesTheControls() throws Exception {
        EmulatorHost real = new EmulatorHost(dir);
        String a = real.crw("a", "");
        AtomicReference<Boolean> die = new AtomicReference<>(false);
        EmulatorHost dying = new EmulatorHost(dir) {
            @Override
            public Device open(String spec) throws OdflashException {
                if (die.get()) {
                    throw new IllegalStateException("worker thread died");
                }
                return super.open(spec);
            }
        };
        FlashWizardModel w = readyToConfirm(dying, Threads.inline(), a);
        die.set(true);
        w.confirmAndFlash();
        assertThat(w.outcome()).get().isInstanceOf(Outcome.WorkerDied.class);
        Outcome.WorkerDied died = (Outcome.WorkerDied) w.outcome().get();
        assertThat(died.heading()).contains("uncertain");
        assertThat(died.detail()).contains("Keep the backup");
        assertThat(died.reportOffered()).isTrue();
        assertThat(w.busy()).isFalse();
        assertThat(w.running()).isFalse();
        assertThat(w.closeBlocked()).isFalse();
        assertThat(w.canCancel()).isFalse();
    }

    @Test
    void progressComesFromTheEnginesEvents() {
        AtomicReference<Duration> now = new AtomicReference<>(Duration.ZERO);
        ProgressModel p = new ProgressModel(now::get);
        assertThat(p.text()).isEqualTo("Starting");
        p.update(new Progress.Event(Progress.Phase.READ, 1, Progress.Unit.BYTES, 0, 0x80000));
        now.set(Duration.ofSeconds(2));
        p.update(new Progress.Event(Progress.Phase.READ, 1, Progress.Unit.BYTES, 0x40000, 0x80000));
        assertThat(p.step()).contains(ProgressModel.Step.BACKUP);
        assertThat(p.percent()).isEqualTo(50);
        assertThat(p.eta()).contains(Duration.ofSeconds(2));
        assertThat(p.text()).isEqualTo("Backup: 256 KiB of 512 KiB, about 2 s left");
        assertThat(p.writeBegun()).isFalse();
        p.update(new Progress.Event(Progress.Phase.WRITE, 1, Progress.Unit.BYTES, 0x1000, 0x20000));
        assertThat(p.writeBegun()).isTrue();
        p.update(new Progress.Event(Progress.Phase.READ, 1, Progress.Unit.BYTES, 0x1000, 0x80000));
        assertThat(p.step()).as("a read after the write verifies").contains(ProgressModel.Step.VERIFY);
        assertThat(p.steps()).containsExactly(ProgressModel.Step.BACKUP, ProgressModel.Step.WRITE, ProgressModel.Step.VERIFY);
    }

    @Test
    void aRealFlashWalksThePhasesAndCancellingStopsOnceTheWriteBegins() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String a = host.crw("a", "");
        AtomicReference<FlashWizardModel> model = new AtomicReference<>();
        java.util.List<Boolean> cancellable = new java.util.ArrayList<>();
        java.util.List<ProgressModel.Step> steps = new java.util.ArrayList<>();
        FlashWizardModel w = readyToConfirm(host, Threads.inline(), a);
        model.set(w);
        w.changes().listen(() -> {
            if (w.running()) {
                cancellable.add(w.canCancel());
                w.progress().step().ifPresent(s -> {
                    if (steps.isEmpty() || steps.getLast() != s) {
                        steps.add(s);
                    }
                });
            }
        });
        w.confirmAndFlash();
        assertThat(w.outcome()).get().isInstanceOf(Outcome.Succeeded.class);
        assertThat(steps).containsExactly(ProgressModel.Step.BACKUP, ProgressModel.Step.WRITE, ProgressModel.Step.VERIFY);
        assertThat(cancellable).contains(true, false);
        assertThat(cancellable.subList(cancellable.indexOf(false), cancellable.size())).containsOnly(false);
        assertThat(w.closeBlocked()).isFalse();
    }

    @Test
    void aCancelBeforeTheFirstWriteWritesNothing() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String a = host.crw("a", "");
        FlashWizardModel w = readyToConfirm(host, Threads.inline(), a);
        w.changes().listen(() -> {
            if (w.canCancel() && w.progress().step().isPresent()) {
                w.cancel(); // during the backup
            }
        });
        w.confirmAndFlash();
        assertThat(w.outcome()).get().isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) w.outcome().get()).failure()).isInstanceOf(Failure.Interrupted.class);
        assertThat(host.counter("a", "writeCommands")).isZero();
    }

    @Test
    void aRefusedGateShowsItsOwnOverrideAndNothingIsWritten() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String a = host.crw("a", "");
        FlashWizardModel w = new FlashWizardModel(host, Threads.inline(), log());
        w.selectDrive(a, probe(host, a));
        w.chooseFile(host.firmware("1.00"));
        w.evaluateGates();
        ImageFit.Gate version = w.gates().stream().filter(g -> !g.passed()).findFirst().orElseThrow();
        assertThat(version.name()).isEqualTo("version");
        assertThat(version.override()).contains(Choice.ALLOW_OLDER);
        w.makePlan();
        assertThat(w.plan()).as("no plan while a gate refuses").isEmpty();
        assertThat(host.counter("a", "writeCommands")).isZero();
        w.setOverride(Choice.ALLOW_OLDER, true);
        assertThat(w.gatesPassed()).isTrue();
    }

    @Test
    void aReportSitsBesideEveryErrorAndIsNeverWrittenOverAnotherFile() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String cut = host.crw("a", "powerloss@program:3");
        FlashWizardModel w = readyToConfirm(host, Threads.inline(), cut);
        w.confirmAndFlash();
        Outcome.Failed failed = (Outcome.Failed) w.outcome().orElseThrow();
        assertThat(failed.reportOffered()).isTrue();
        assertThat(failed.log()).as("the operation's log is kept on its own").isPresent();
        assertThat(Files.readString(failed.log().get())).contains("[flash] started").contains(failed.heading());
        Path report = dir.resolve("report.txt");
        w.log().save(report, Optional.of(failed.operation()));
        assertThat(Files.readString(report)).contains("odflash GUI diagnostic report").contains("[flash]");
        assertThatThrownBy(() -> w.log().save(report, Optional.empty())).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void theBannersRestoreWritesTheBackupBackAndSettlesTheJournal() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String cut = host.crw("a", "powerloss@program:3");
        FlashWizardModel w = readyToConfirm(host, Threads.inline(), cut);
        byte[] before = Files.readAllBytes(host.image("a"));
        w.confirmAndFlash();
        assertThat(w.outcome()).get().isInstanceOf(Outcome.Failed.class);
        assertThat(Files.readAllBytes(host.image("a"))).isNotEqualTo(before);
        String plain = host.crw("a", "");
        host.show(plain);
        DrivesModel drives = new DrivesModel(host, Threads.inline(), log());
        drives.refresh();
        DriveCard card = drives.pending().getFirst();
        assertThat(card.badge()).isEqualTo("interrupted flash");
        w.resume(plain, card.info().orElseThrow(), Path.of(card.pending().get().backupFile()), true);
        assertThat(w.outcome()).get().isInstanceOf(Outcome.Succeeded.class);
        assertThat(w.frozen().orElseThrow().restore()).isTrue();
        assertThat(Files.readAllBytes(host.image("a"))).isEqualTo(before);
        drives.refresh();
        assertThat(drives.pending()).isEmpty();
    }
}
