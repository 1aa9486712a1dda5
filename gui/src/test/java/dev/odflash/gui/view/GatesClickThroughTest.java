package dev.odflash.gui.view;

import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.Screen;
import dev.odflash.gui.model.FlashWizardModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every gate that refuses is shown with its reason and its own override (no global force), and a refused
 * or declined flash writes nothing: the emulated drive's counters say 0 and its flash is unchanged.
 */
class GatesClickThroughTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenWindow windows = new OpenWindow();
    private GuiFixture gui;
    private EmulatorHost host;
    private byte[] before;

    @BeforeEach
    void open() throws Exception {
        host = new EmulatorHost(dir);
        host.show(host.crw("drive", ""));
        gui = windows.show(host, Appearance.Theme.LIGHT);
        gui.refreshDrives();
        before = Files.readAllBytes(host.image("drive"));
    }

    private void gatesOf(Path file) {
        gui.window.toggleButton("nav-drives").click();
        gui.window.button("drive-card-0-flash").click();
        if (gui.models.wizard().stage() != FlashWizardModel.Stage.FILE) {
            gui.onEdt(() -> {
                gui.models.wizard().back(FlashWizardModel.Stage.FILE);
                return null;
            });
        }
        gui.window.textBox("flash-file-path").setText(file.toString());
        gui.window.button("flash-file-open").click();
        gui.await("side by side", 30, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.COMPARE
                && gui.models.wizard().file().map(f -> f.path().equals(file)).orElse(false));
        gui.window.button("flash-check-gates").click();
        gui.await("gates", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.GATES && !gui.models.wizard().busy());
    }

    private void nothingWritten() throws Exception {
        assertThat(host.counter("drive", "writeCommands")).isZero();
        assertThat(host.counter("drive", "erases")).isZero();
        assertThat(Files.readAllBytes(host.image("drive"))).isEqualTo(before);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void everyRefusingGateShowsItsOwnOverride() throws Exception {
        // an older version: the version gate, overridden by "allow an older version"
        gatesOf(host.firmware("1.00"));
        gui.window.label("gate-version-verdict").requireText(java.util.regex.Pattern.compile("\u2718 version: refused.*downgrade.*"));
        gui.window.checkBox("gate-version-override").requireText("Allow an older version (downgrade)").requireNotSelected();
        gui.window.textBox("gate-version-override-explanation").requireText(java.util.regex.Pattern.compile("Older firmware.*"));
        gui.window.button("flash-make-plan").requireDisabled();
        gui.screenshot("gates", Screen.FLASH, 1);
        nothingWritten();
        gui.window.checkBox("gate-version-override").click();
        gui.await("gates again", 60, () -> gui.models.wizard().gatesPassed() && !gui.models.wizard().busy());
        gui.window.checkBox("override-kept-allow-older-override").requireSelected();
        gui.window.button("flash-make-plan").requireEnabled();
        nothingWritten();

        // the same version: reinstall
        gatesOf(host.firmware("1.10"));
        gui.window.checkBox("gate-version-override").requireText("Reinstall the version the drive already runs");
        nothingWritten();

        // another model's image: cross-flash
        gatesOf(write("other.bin", Mtk8051Firmware.generate("ASUS", "CRW-5232A", "1.20", 0x80000)));
        gui.window.label("gate-model-verdict").requireText(java.util.regex.Pattern.compile("\u2718 model: refused.*another model.*"));
        gui.window.checkBox("gate-model-override").requireText("Flash another model's firmware (cross-flash)");
        nothingWritten();

        // an image whose boot region differs from the drive's: the boot gate, overridden by including the boot region
        byte[] boot = Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.20", 0x80000);
        boot[0x1000] ^= 0x5A;
        gatesOf(write("boot.bin", boot));
        gui.window.label("gate-boot-verdict").requireText(java.util.regex.Pattern.compile("\u2718 boot: refused.*"));
        gui.window.checkBox("gate-boot-override").requireText("Also erase and program the boot region");
        nothingWritten();

        // a gate without an override (the size): no checkbox, and no way on
        gatesOf(write("small.bin", Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.20", 0x40000)));
        gui.window.label("gate-size-verdict").requireText(java.util.regex.Pattern.compile("\u2718 size: refused.*"));
        assertThat(gui.onEdt(() -> gui.window.target().getAccessibleContext() != null)).isTrue();
        assertThat(gui.window.robot().finder().findAll(gui.window.target(),
                c -> "gate-size-override".equals(c.getName()))).isEmpty();
        gui.window.button("flash-make-plan").requireDisabled();
        nothingWritten();
    }

    @Test
    void aDeclinedConfirmationWritesNothing() throws Exception {
        gatesOf(host.firmware("1.20"));
        gui.window.button("flash-make-plan").click();
        gui.await("plan", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.PLAN);
        gui.window.button("flash-plan-continue").click();
        gui.window.textBox("flash-confirm-model").enterText("CRW-5225A");
        gui.window.button("flash-confirm-flash").requireDisabled();
        gui.window.textBox("flash-confirm-model").deleteText().enterText("CRW-5224A");
        gui.window.button("flash-confirm-flash").requireEnabled();
        gui.window.button("flash-confirm-cancel").click();
        assertThat(gui.models.wizard().stage()).isEqualTo(FlashWizardModel.Stage.PLAN);
        assertThat(gui.models.wizard().frozen()).isEmpty();
        nothingWritten();
    }
}
