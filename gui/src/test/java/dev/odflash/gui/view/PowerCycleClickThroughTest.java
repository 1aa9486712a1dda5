package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.Screen;
import dev.odflash.gui.model.FlashWizardModel;
import dev.odflash.transport.UserActions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's power-cycle request with the mouse, on an emulated CRW-5224A that takes the vendor intro only just
 * after power-on ({@code intro=window}): the flash asks through the banner above every screen, with the wait
 * counted down; with the power cycle done (the emulator plays the user, as in the CLI's tests) the flash verifies,
 * and the banner's Cancel ends a waiting flash with nothing written.
 */
class PowerCycleClickThroughTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenWindow windows = new OpenWindow();
    private GuiFixture gui;

    /** Drives screen → Flash → file 1.20 → gates → plan → model typed → Flash. */
    private void flashTo120(EmulatorHost host) throws Exception {
        gui.refreshDrives();
        gui.window.button("drive-card-0-flash").click();
        gui.window.textBox("flash-file-path").setText(host.firmware("1.20").toString());
        gui.window.button("flash-file-open").click();
        gui.await("side by side", 30, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.COMPARE);
        gui.window.button("flash-check-gates").click();
        gui.await("gates", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.GATES
                && !gui.models.wizard().busy());
        gui.window.button("flash-make-plan").requireEnabled().click();
        gui.await("plan", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.PLAN);
        gui.window.button("flash-plan-continue").click();
        gui.window.textBox("flash-confirm-model").enterText("CRW-5224A");
        gui.window.button("flash-confirm-flash").requireEnabled().click();
    }

    private boolean bannerShowing() {
        java.awt.Component banner = gui.robot.finder().findByName("prompt-banner", false);
        return gui.onEdt(banner::isShowing);
    }

    @Test
    void cancelOnTheBannerEndsTheWaitingFlashAndNothingIsWritten() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        host.user(EmulatorHost.User.WAITS_FOR_CANCEL);
        String spec = host.crw("drive", "") + "&intro=window";
        host.show(spec);
        gui = windows.show(host, Appearance.Theme.LIGHT);
        assertThat(bannerShowing()).isFalse();
        flashTo120(host);
        byte[] before = Files.readAllBytes(host.image("drive"));

        gui.await("the banner asks", 60, () -> gui.models.prompts().shown().isPresent());
        gui.window.panel("prompt-banner").requireVisible();
        gui.window.label("prompt-heading").requireText("Switch the drive off and on again now");
        assertThat(gui.window.textBox("prompt-detail").text()).contains("keeps trying for").contains(" s more");
        gui.screenshot("prompt", Screen.FLASH, 1);
        gui.window.button("prompt-cancel").requireEnabled().click();

        gui.await("flash ended", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.RESULT);
        assertThat(bannerShowing()).isFalse();
        gui.window.label("flash-result-heading").requireText("The drive failed");
        assertThat(host.asked()).containsExactly(UserActions.Action.POWER_CYCLE);
        assertThat(host.counter("drive", "erases")).isZero();
        assertThat(host.counter("drive", "programs")).isZero();
        assertThat(Files.readAllBytes(host.image("drive"))).isEqualTo(before);
    }

    @Test
    void afterThePowerCycleTheFlashVerifies() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        String spec = host.crw("drive", "") + "&intro=window";
        host.show(spec);
        gui = windows.show(host, Appearance.Theme.LIGHT);
        flashTo120(host);
        gui.await("flash ended", 120, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.RESULT);
        assertThat(host.asked()).contains(UserActions.Action.POWER_CYCLE);
        gui.window.label("flash-result-heading").requireText(java.util.regex.Pattern.compile("(?i).*verified.*"));
        assertThat(Files.readAllBytes(host.image("drive"))).isEqualTo(Files.readAllBytes(host.firmware("1.20")));
    }
}
