package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.Screen;
import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.SettingsStore;
import dev.odflash.gui.model.Threads;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * One GUI window on an emulated host, driven by AssertJ-Swing's robot. A missing display fails the test
 * (never skips it): scripts/test provides Xvfb with a window manager (scripts/with-display.sh).
 */
final class GuiFixture implements AutoCloseable {
    static final Path SHOTS = Path.of("target", "gui-screenshots");

    final EmulatorHost host;
    final Robot robot;
    final FrameFixture window;
    final MainWindow main;
    final GuiModels models;
    private final ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();

    static void requireDisplay() {
        boolean x11 = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (GraphicsEnvironment.isHeadless() || (x11 && System.getenv().getOrDefault("DISPLAY", "").isBlank())) {
            fail("no display for the GUI tests: run them through scripts/test (or scripts/with-display.sh), which"
                    + " starts Xvfb with a window manager");
        }
    }

    GuiFixture(EmulatorHost host, Appearance.Theme theme) {
        requireDisplay();
        FailOnThreadViolationRepaintManager.install();
        this.host = host;
        robot = BasicRobot.robotWithNewAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        SettingsStore store = new SettingsStore(host.home().resolve("gui-settings.properties"));
        Object[] built = GuiActionRunner.execute(() -> {
            Theme.apply(theme, Map.of());
            GuiModels m = new GuiModels(host, new Threads(worker, SwingUtilities::invokeLater));
            MainWindow w = new MainWindow(m, store, Map.of());
            JFrame f = w.frame(() -> { });
            return new Object[]{m, w, f};
        });
        models = (GuiModels) built[0];
        main = (MainWindow) built[1];
        window = new FrameFixture(robot, (JFrame) built[2]);
        window.show();
        window.resizeTo(new java.awt.Dimension(1100, 760));
    }

    /** Waits (at most {@code seconds}) until the condition, asked on the event thread, holds. */
    void await(String what, int seconds, Supplier<Boolean> condition) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(condition::get);
            }
        }, Timeout.timeout(seconds * 1000L));
    }

    <T> T onEdt(Supplier<T> s) {
        return GuiActionRunner.execute(s::get);
    }

    /** Refreshes the drives from the Drives screen and waits until every card is there. */
    void refreshDrives() {
        window.toggleButton("nav-drives").click();
        window.button("drives-refresh").click();
        await("drives looked at", 60, () -> !models.drives().busy() && !models.drives().cards().isEmpty());
    }

    /** Paints the window's content at {@code scale} into target/gui-screenshots/{@code set}/{@code screen}.png. */
    void screenshot(String set, Screen screen, double scale) throws Exception {
        Path dir = SHOTS.resolve(set);
        Files.createDirectories(dir);
        Path png = dir.resolve(screen.word() + ".png");
        Files.deleteIfExists(png);
        GuiActionRunner.execute(() -> {
            try {
                Screenshots.write(Screenshots.paint(main.content(), scale), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        window.cleanUp();
        worker.shutdownNow();
        FailOnThreadViolationRepaintManager.uninstall();
    }
}
