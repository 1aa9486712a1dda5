package dev.odflash.gui.model;

import dev.odflash.gui.EmulatorHost;
import dev.odflash.transport.UserActions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's prompt banner is the engine's UserActions for every drive the view-models open: on an emulated
 * CRW-5224A that takes the vendor intro only just after power-on ({@code intro=window}), a flash asks the user to
 * power-cycle the drive through the banner, and the banner's Cancel ends the waiting flash before any write.
 */
class PromptWiringTest {
    @TempDir
    Path dir;

    private static FlashWizardModel ready(GuiModels m, String spec, EmulatorHost host) throws Exception {
        m.drives().refresh();
        DriveCard card = m.drives().cards().getFirst();
        FlashWizardModel w = m.wizard();
        w.selectDrive(spec, card.info().orElseThrow());
        w.chooseFile(host.firmware("1.20"));
        w.evaluateGates();
        assertThat(w.gatesPassed()).as("gates %s", w.gates()).isTrue();
        w.makePlan();
        w.askConfirmation();
        w.typeModel("CRW-5224A");
        return w;
    }

    @Test
    void theFlashAsksThroughTheBannerAndVerifiesAfterThePowerCycle() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String spec = host.crw("drive", "") + "&intro=window";
        host.show(spec);
        GuiModels m = new GuiModels(host, Threads.inline());
        FlashWizardModel w = ready(m, spec, host);
        java.util.List<String> seen = new java.util.ArrayList<>(); // banners at each change while the flash runs
        w.changes().listen(() -> seen.add((w.running() && w.progress().writeBegun() ? "writing" : "before")
                + " power=" + m.powerWarning() + " prompt=" + m.prompts().shown().isPresent()));
        m.prompts().changes().listen(() -> seen.add((w.running() && w.progress().writeBegun() ? "writing" : "before")
                + " power=" + m.powerWarning() + " prompt=" + m.prompts().shown().isPresent()));
        w.confirmAndFlash();
        assertThat(host.asked()).contains(UserActions.Action.POWER_CYCLE);
        assertThat(seen).as("the prompt was shown before the first write").contains("before power=false prompt=true");
        assertThat(seen).as("from the first write on: the power banner, the prompt gone").contains("writing power=true prompt=false");
        assertThat(seen).as("never both banners").noneMatch(l -> l.contains("power=true prompt=true"));
        assertThat(w.outcome()).get().isInstanceOf(Outcome.Succeeded.class);
        assertThat(Files.readAllBytes(host.image("drive"))).isEqualTo(Files.readAllBytes(host.firmware("1.20")));
    }

    @Test
    void cancelOnTheBannerEndsTheWaitingFlashBeforeAnyWrite() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        host.user(EmulatorHost.User.WAITS_FOR_CANCEL); // nobody switches the drive off and on
        String spec = host.crw("drive", "") + "&intro=window";
        host.show(spec);
        byte[] before;
        ExecutorService worker = Executors.newSingleThreadExecutor();
        ExecutorService ui = Executors.newSingleThreadExecutor(); // the "event thread": models are read there only
        try {
            GuiModels threaded = new GuiModels(host, new Threads(worker, ui));
            FlashWizardModel w = threaded.wizard();
            ui.submit(() -> threaded.drives().refresh()).get();
            awaitOn(ui, () -> !threaded.drives().busy() && !threaded.drives().cards().isEmpty());
            before = Files.readAllBytes(host.image("drive")); // the emulator created it as 1.10 when it was opened
            ui.submit(() -> w.selectDrive(spec, threaded.drives().cards().getFirst().info().orElseThrow())).get();
            Path file = host.firmware("1.20");
            ui.submit(() -> w.chooseFile(file)).get();
            awaitOn(ui, () -> w.stage() == FlashWizardModel.Stage.COMPARE);
            ui.submit(w::evaluateGates).get();
            awaitOn(ui, () -> w.stage() == FlashWizardModel.Stage.GATES && !w.busy());
            assertThat(ui.submit(w::gatesPassed).get()).isTrue();
            ui.submit(w::makePlan).get();
            awaitOn(ui, () -> w.stage() == FlashWizardModel.Stage.PLAN && !w.busy());
            ui.submit(() -> {
                w.askConfirmation();
                w.typeModel("CRW-5224A");
            }).get();
            assertThat(ui.submit(w::consentGiven).get()).isTrue();
            ui.submit(w::confirmAndFlash).get();
            awaitOn(ui, () -> threaded.prompts().shown().isPresent());
            assertThat(w.outcome()).isEmpty(); // the flash waits for the power cycle
            // the prompt asks for a power cycle: the "do not power off" banner must not contradict it (no write yet)
            assertThat(ui.submit(threaded::closeBlocked).get()).isTrue();
            assertThat(ui.submit(threaded::powerWarning).get()).as("power banner beside the prompt").isFalse();
            ui.submit(threaded.prompts()::cancel).get();
            awaitOn(ui, () -> w.outcome().isPresent());
            Outcome end = ui.submit(() -> w.outcome().orElseThrow()).get();
            assertThat(end).isInstanceOfSatisfying(Outcome.Failed.class,
                    f -> assertThat(f.failure().toString()).contains("cancelled"));
            assertThat(ui.submit(() -> threaded.prompts().shown()).get()).isEmpty();
        } finally {
            worker.shutdownNow();
            ui.shutdownNow();
        }
        assertThat(host.counter("drive", "erases")).isZero();
        assertThat(host.counter("drive", "programs")).isZero();
        assertThat(Files.readAllBytes(host.image("drive"))).isEqualTo(before);
    }

    /** Polls {@code condition} on the ui thread for up to 60 s. */
    private static void awaitOn(ExecutorService ui, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ui.submit(condition).get()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(end);
            Thread.sleep(20);
        }
    }
}
