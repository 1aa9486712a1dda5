package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.Screen;
import dev.odflash.gui.model.FlashWizardModel;
import dev.odflash.gui.model.ProgressModel;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every screen, light and dark, at scale 1 and 2, painted into target/gui-screenshots/{light,dark}{,-2x}/
 * after a real backup and flash on an emulated drive (the progress screen is caught mid-write, from the
 * event thread when the first write event arrives). Painting the same screen twice gives the same pixels.
 */
class ScreenshotsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenWindow windows = new OpenWindow();
    private GuiFixture gui;

    @ParameterizedTest
    @EnumSource(value = Appearance.Theme.class, names = {"LIGHT", "DARK"})
    void everyScreen(Appearance.Theme theme) throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        host.show(host.crw("drive", ""));
        gui = windows.show(host, theme);
        String set = theme.name().toLowerCase(java.util.Locale.ROOT);
        gui.refreshDrives();
        shoot(set, Screen.DRIVES);
        gui.window.toggleButton("nav-details").click();
        shoot(set, Screen.DETAILS);
        gui.window.toggleButton("nav-backup").click();
        gui.window.button("backup-start").click();
        gui.await("backup", 60, () -> gui.models.backup().outcome().isPresent());
        shoot(set, Screen.BACKUP);
        gui.window.toggleButton("nav-library").click();
        gui.await("library", 30, () -> !gui.models.library().items().isEmpty());
        shoot(set, Screen.LIBRARY);
        gui.window.toggleButton("nav-file").click();
        // an updater: its candidates scored, the best picked, then compared with the 1.20 file bank by bank
        Path exe = dir.resolve("CRW-5224A-update.exe");
        Files.write(exe, dev.odflash.gui.TestUpdaters.withOverlay(Files.readAllBytes(host.firmware("1.35"))));
        gui.window.textBox("file-path").setText(exe.toString());
        gui.window.button("file-open").click();
        gui.await("file", 30, () -> gui.models.file().report().isPresent());
        gui.window.textBox("file-compare-path").setText(host.firmware("1.20").toString());
        gui.window.button("file-compare").click();
        gui.await("comparison", 30, () -> gui.models.file().comparison().isPresent());
        shoot(set, Screen.FILE);
        gui.window.toggleButton("nav-settings").click();
        shoot(set, Screen.SETTINGS);

        gui.window.toggleButton("nav-flash").click();
        gui.window.textBox("flash-file-path").setText(host.firmware("1.20").toString());
        gui.window.button("flash-file-open").click();
        gui.await("side by side", 30, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.COMPARE);
        shoot(set, Screen.FLASH);
        gui.window.button("flash-check-gates").click();
        gui.await("gates", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.GATES && !gui.models.wizard().busy());
        gui.window.button("flash-make-plan").click();
        gui.await("plan", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.PLAN);
        gui.window.button("flash-plan-continue").click();
        gui.window.textBox("flash-confirm-model").enterText("CRW-5224A");
        Map<Double, BufferedImage> progress = new LinkedHashMap<>();
        gui.onEdt(() -> {
            gui.models.wizard().changes().listen(() -> {
                if (progress.isEmpty() && gui.models.wizard().running()
                        && gui.models.wizard().progress().step().filter(s -> s == ProgressModel.Step.WRITE).isPresent()
                        && gui.models.wizard().progress().done() > 0) {
                    gui.main.content().validate();
                    progress.put(1.0, Screenshots.paint(gui.main.content(), 1));
                    progress.put(2.0, Screenshots.paint(gui.main.content(), 2));
                }
            });
            return null;
        });
        gui.window.button("flash-confirm-flash").click();
        gui.await("flash", 120, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.RESULT);
        assertThat(progress).as("the progress screen was caught while writing").hasSize(2);
        write(set, Screen.PROGRESS, 1, progress.get(1.0));
        write(set + "-2x", Screen.PROGRESS, 2, progress.get(2.0));
        shoot(set, Screen.RESULT);
        gui.window.label("flash-result-heading").requireText("Flashed and verified");
        gui.window.toggleButton("nav-diagnostics").click();
        host.doctor(java.util.List.of(dev.odflash.doctor.Check.ok("java", "", "Java 25, native access enabled"),
                dev.odflash.doctor.Check.fail("permission", "/dev/sg1", "no read-write access",
                        "run  sudo usermod -aG cdrom \"$USER\"  then log out and in again")));
        gui.window.button("doctor-run").click();
        gui.await("doctor", 30, () -> gui.models.doctor().ran() && !gui.models.doctor().busy());
        assertThat(gui.window.table("doctor-checks").contents()[1]).containsExactly("failed", "permission", "/dev/sg1",
                "no read-write access", "run  sudo usermod -aG cdrom \"$USER\"  then log out and in again");
        gui.window.label("doctor-state").requireText("1 check(s) failed: see What to do.");
        shoot(set, Screen.DIAGNOSTICS);
        // Recovery behind its warning, with the doctor's rows just run (no IDE channel, no port access here)
        gui.window.toggleButton("nav-recovery").click();
        gui.window.button("recovery-continue").click();
        gui.window.textBox("recovery-port-command-0").requireText("sudo odflash list").requireNotEditable();
        shoot(set, Screen.RECOVERY);
        // the command trace toggle reaches the model and its tab says what it holds (this host records none)
        gui.window.toggleButton("nav-diagnostics").click();
        gui.window.tabbedPane("diagnostics-logs").selectTab("Command trace");
        gui.window.textBox("diagnostics-trace").requireText(java.util.regex.Pattern.compile(".*trace is off.*"));
        gui.window.checkBox("diagnostics-trace-toggle").click();
        gui.window.textBox("diagnostics-trace").requireText(java.util.regex.Pattern.compile(".*No command recorded yet.*"));
        assertThat(gui.models.trace().on()).isTrue();

        // pixel for pixel the same when painted again
        BufferedImage a = gui.onEdt(() -> Screenshots.paint(gui.main.content(), 2));
        BufferedImage b = gui.onEdt(() -> Screenshots.paint(gui.main.content(), 2));
        assertThat(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()))
                .isEqualTo(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
        assertThat(a.getWidth()).isEqualTo(2 * gui.onEdt(() -> gui.main.content().getWidth()));
        try (var files = Files.list(GuiFixture.SHOTS.resolve(set))) {
            assertThat(files.count()).isEqualTo(Screen.values().length);
        }
    }

    private void shoot(String set, Screen s) throws Exception {
        gui.screenshot(set, s, 1);
        gui.screenshot(set + "-2x", s, 2);
    }

    private static void write(String set, Screen s, double scale, BufferedImage img) throws Exception {
        Path d = GuiFixture.SHOTS.resolve(set);
        Files.createDirectories(d);
        Path png = d.resolve(s.word() + ".png");
        Files.deleteIfExists(png);
        ImageIO.write(img, "png", png.toFile());
    }
}
