package dev.odflash.gui.model;

import dev.odflash.gui.EmulatorHost;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Several drives at once, each with its own lock, progress and outcome (view-model, no display). */
class ConcurrentBackupsTest {
    @TempDir
    Path dir;

    private OperationLog log() {
        return new OperationLog(Clock.systemUTC(), Optional.of(dir.resolve("logs")));
    }

    /** Runs {@code r} on the model's UI thread and waits for it. */
    private static <T> T onUi(ExecutorService ui, java.util.concurrent.Callable<T> r) throws Exception {
        return ui.submit(r).get(30, TimeUnit.SECONDS);
    }

    @Test
    void driveBBacksUpWhileDriveAIsHeldOpenAndEachHasItsOwnOutcome() throws Exception {
        CountDownLatch bDone = new CountDownLatch(1);
        EmulatorHost plain = new EmulatorHost(dir);
        String a = plain.crw("a", "");
        String b = plain.crw("b", "");
        // B runs 1.20 and A the emulator's own 1.10: two different backups in the library
        java.nio.file.Files.write(plain.image("b"), dev.odflash.emulator.firmware.Mtk8051Firmware.generate("ASUS",
                "CRW-5224A", "1.20", 0x80000));
        // Drive A's backup opens A and then waits until B's backup has ended: were B held up by A, it never would.
        EmulatorHost host = new EmulatorHost(dir) {
            @Override
            public Device open(String spec) throws OdflashException {
                Device d = super.open(spec);
                if (spec.equals(a)) {
                    try {
                        if (!bDone.await(60, TimeUnit.SECONDS)) {
                            d.close();
                            throw OdflashException.usage("drive B's backup never ended while drive A was open");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return d;
            }
        };
        ExecutorService ui = Executors.newSingleThreadExecutor();
        try (ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor()) {
            BackupModel m = new BackupModel(host, new Threads(worker, ui), log());
            onUi(ui, () -> {
                m.changes().listen(() -> {
                    if (m.outcome(b).isPresent()) {
                        bDone.countDown();
                    }
                });
                m.backUp(a);
                m.backUp(b);
                assertThat(m.busy(a)).isTrue();
                assertThat(m.busy(b)).isTrue();
                return null;
            });
            for (int i = 0; i < 600 && onUi(ui, () -> m.busy(a) || m.busy(b)); i++) {
                Thread.sleep(100);
            }
            Outcome oa = onUi(ui, () -> m.outcome(a).orElseThrow());
            Outcome ob = onUi(ui, () -> m.outcome(b).orElseThrow());
            assertThat(ob).isInstanceOf(Outcome.Succeeded.class);
            assertThat(oa).isInstanceOf(Outcome.Succeeded.class);
            assertThat(((Outcome.Succeeded) oa).heading()).isEqualTo("Backup written and verified (2 reads agree)");
            assertThat(((Outcome.Succeeded) oa).detail()).contains("1.10-");
            assertThat(((Outcome.Succeeded) ob).detail()).contains("1.20-");
            assertThat(onUi(ui, () -> m.progress(a).percent())).isEqualTo(100);
            assertThat(onUi(ui, () -> m.progress(b).percent())).isEqualTo(100);
        } finally {
            ui.shutdownNow();
        }
        for (String name : new String[]{"a", "b"}) {
            assertThat(plain.counter(name, "writeCommands")).as(name + " writes").isZero();
            assertThat(plain.counter(name, "commands")).as(name + " commands").isPositive();
            assertThat(plain.counter(name, "erases") + plain.counter(name, "programs")).as(name + " erases, programs").isZero();
        }
    }

    @Test
    void aDriveBusyInTheWizardIsRefusedForABackupWithoutBeingOpened() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        EmulatorHost host = new EmulatorHost(dir) {
            @Override
            public Device open(String spec) throws OdflashException {
                opens.incrementAndGet();
                return super.open(spec);
            }
        };
        String a = host.crw("a", "");
        DriveJobs jobs = new DriveJobs();
        jobs.claim(a, "flash"); // what the wizard holds while it flashes drive A
        jobs.claim("flashrom:ch341a_spi", "backup");
        BackupModel m = new BackupModel(host, Threads.inline(), log(), jobs);
        m.backUp(a);
        m.backUp("flashrom:ft2232_spi");
        for (String spec : new String[]{a, "flashrom:ft2232_spi"}) {
            assertThat(m.busy(spec)).isFalse();
            assertThat(m.outcome(spec)).get().isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.failure())
                    .isInstanceOfSatisfying(Failure.Refusal.class, r -> assertThat(r.gate()).isEqualTo(Gate.DRIVE_IN_USE)));
        }
        assertThat(((Outcome.Failed) m.outcome("flashrom:ft2232_spi").get()).detail()).contains("one programmer");
        assertThat(opens).hasValue(0);
        assertThat(java.nio.file.Files.exists(host.stats("a"))).as("drive A's emulator never ran").isFalse();
    }

    @Test
    void aRefreshDoesNotOpenADriveAtWorkAndKeepsItsCard() throws Exception {
        java.util.List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        EmulatorHost host = new EmulatorHost(dir) {
            @Override
            public Device open(String spec) throws OdflashException {
                opened.add(spec);
                return super.open(spec);
            }
        };
        String a = host.crw("a", "");
        String b = host.crw("b", "");
        host.show(a, b);
        DriveJobs jobs = new DriveJobs();
        DrivesModel drives = new DrivesModel(host, Threads.inline(), log(), jobs);
        drives.refresh();
        assertThat(drives.cards()).hasSize(2);
        DriveCard cardA = drives.cards().getFirst();
        opened.clear();
        jobs.claim(a, "backup"); // drive A backs up: its lock is the job's
        drives.refresh();
        assertThat(opened).containsExactly(b);
        assertThat(drives.cards()).hasSize(2);
        assertThat(drives.cards().getFirst()).isSameAs(cardA);
    }
}
