package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.Screen;
import dev.odflash.gui.model.FlashWizardModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed story with the mouse, on an emulated ASUS CRW-5224A: back up, flash 1.20 with the power cut part
 * way (a fault spec), the resume banner after the drive comes back, resume, and the drive intact on 1.20.
 */
class SeedStoryClickThroughTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenWindow windows = new OpenWindow();
    private GuiFixture gui;

    @Test
    void backupFlashPowerCutResumeIntact() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        host.show(host.crw("drive", ""));
        gui = windows.show(host, Appearance.Theme.LIGHT);
        gui.refreshDrives();
        gui.window.label("drive-card-0-family").requireText("mtk8051");

        // 1. backup into the library
        gui.window.button("drive-card-0-backup").click();
        gui.window.button("backup-start").click();
        gui.await("backup finished", 60, () -> gui.models.backup().outcome().isPresent());
        gui.window.label("backup-outcome-heading").requireText("Backup written and verified (2 reads agree)");

        // 2. the drive now loses power during its 3rd program call: flash 1.20
        host.show(host.crw("drive", "powerloss@program:3"));
        gui.refreshDrives();
        gui.window.label("drive-card-0-badge").requireText("intact");
        gui.window.label("drive-card-0-backups").requireText("1");
        gui.window.button("drive-card-0-flash").click();
        gui.window.textBox("flash-file-path").setText(host.firmware("1.20").toString());
        gui.window.button("flash-file-open").click();
        gui.await("side by side", 30, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.COMPARE);
        assertThat(gui.window.table("flash-compare").contents()[2]).containsExactly("Version", "1.10", "1.20 (up)", "\u2714");
        gui.window.button("flash-check-gates").click();
        gui.await("gates", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.GATES && !gui.models.wizard().busy());
        gui.window.label("gate-version-verdict").requireText(java.util.regex.Pattern.compile("\u2714 version: passed.*"));
        gui.window.button("flash-make-plan").requireEnabled().click();
        gui.await("plan", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.PLAN);
        assertThat(gui.window.textBox("flash-plan-text").text()).contains("Nothing was written").contains("Erase:");
        gui.window.button("flash-plan-continue").click();
        gui.window.button("flash-confirm-flash").requireDisabled();
        String defaultButton = gui.onEdt(() -> ((javax.swing.JFrame) gui.window.target()).getRootPane().getDefaultButton().getName());
        assertThat(defaultButton).as("Enter cancels").isEqualTo("flash-confirm-cancel");
        assertThat(gui.window.textBox("flash-confirm-text").text()).contains("CRW-5224A").contains("sha256 ");
        gui.window.textBox("flash-confirm-model").enterText("CRW-5224A");
        gui.window.button("flash-confirm-flash").requireEnabled().click();
        gui.await("flash ended", 120, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.RESULT);
        gui.window.label("flash-result-heading").requireText("The drive failed");
        gui.window.button("flash-result-save-report").requireVisible();
        gui.screenshot("story", Screen.RESULT, 1);

        // 3. the drive comes back (power restored, no fault): the resume banner offers to finish the flash
        host.show(host.crw("drive", ""));
        gui.window.button("flash-result-drives").click();
        gui.await("drives looked at", 60, () -> !gui.models.drives().busy() && !gui.models.drives().cards().isEmpty());
        gui.window.label("drive-card-0-badge").requireText("interrupted flash");
        gui.window.panel("resume-0").requireVisible();
        gui.screenshot("story", Screen.DRIVES, 1);
        gui.window.button("resume-0-resume").click();
        gui.await("resume ended", 120, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.RESULT
                && !gui.models.wizard().busy());
        gui.window.label("flash-result-heading").requireText("Resumed, flashed and verified");

        // 4. intact, on 1.20
        gui.window.button("flash-result-drives").click();
        gui.await("drives looked at", 60, () -> !gui.models.drives().busy() && !gui.models.drives().cards().isEmpty());
        gui.window.label("drive-card-0-badge").requireText("intact");
        gui.window.label("drive-card-0-title").requireText("ASUS CRW-5224A 1.20");
        assertThat(gui.onEdt(() -> gui.models.drives().pending())).isEmpty();
        assertThat(Files.readAllBytes(host.image("drive"))).isEqualTo(Files.readAllBytes(host.firmware("1.20")));
    }
}
