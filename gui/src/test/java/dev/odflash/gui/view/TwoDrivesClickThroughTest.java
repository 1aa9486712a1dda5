package dev.odflash.gui.view;

import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.Screen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Two emulated drives backed up at once from their cards, each card with its own progress and outcome. */
class TwoDrivesClickThroughTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenWindow windows = new OpenWindow();
    private GuiFixture gui;

    @Test
    void twoConcurrentBackupsEachOnItsOwnCard() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        Files.write(host.image("b"), Mtk8051Firmware.generate("ASUS", "CRW-5224A", "1.20", 0x80000));
        host.show(host.crw("a", ""), host.crw("b", ""));
        gui = windows.show(host, Appearance.Theme.LIGHT);
        gui.refreshDrives();
        java.awt.Point second = gui.onEdt(() -> gui.window.button("drive-card-1-backup-now").target().getLocationOnScreen());
        gui.window.button("drive-card-0-backup-now").click();
        String a = host.crw("a", "");
        String b = host.crw("b", "");
        assertThat(gui.onEdt(() -> gui.models.backup().busy(a) || gui.models.backup().outcome(a).isPresent())).isTrue();
        // the first card's bar appearing (and going again) must not move the second card under the pointer
        assertThat(gui.onEdt(() -> gui.window.button("drive-card-1-backup-now").target().getLocationOnScreen()))
                .isEqualTo(second);
        gui.window.button("drive-card-1-backup-now").click();
        try {
            gui.await("both backups", 120, () -> gui.models.backup().outcome(a).isPresent()
                    && gui.models.backup().outcome(b).isPresent());
        } catch (org.assertj.swing.exception.WaitTimedOutError e) {
            throw new AssertionError(gui.onEdt(() -> "backup a: busy " + gui.models.backup().busy(a) + ", "
                    + gui.models.backup().outcome(a) + "; backup b: busy " + gui.models.backup().busy(b) + ", "
                    + gui.models.backup().outcome(b) + "\n" + gui.models.backup().log().report(java.util.Optional.empty())), e);
        }
        gui.window.label("drive-card-0-progress").requireText("Backup written and verified (2 reads agree)");
        gui.window.label("drive-card-1-progress").requireText("Backup written and verified (2 reads agree)");
        gui.screenshot("two-drives", Screen.DRIVES, 1.0);
        for (String name : new String[]{"a", "b"}) {
            assertThat(host.counter(name, "commands")).as(name + " commands").isPositive();
            assertThat(host.counter(name, "writeCommands")).as(name + " writes").isZero();
            assertThat(host.counter(name, "erases") + host.counter(name, "programs")).as(name + " erases, programs").isZero();
        }
        try (var files = Files.list(host.home().resolve("backups").resolve("ASUS_CRW-5224A"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")))
                    .anyMatch(n -> n.startsWith("1.10-")).anyMatch(n -> n.startsWith("1.20-"));
        }
    }
}
