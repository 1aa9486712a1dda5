package dev.odflash.gui;

import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.SettingsStore;
import dev.odflash.gui.model.Threads;
import dev.odflash.gui.view.MainWindow;
import dev.odflash.gui.view.Screenshots;
import dev.odflash.gui.view.Theme;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the GUI for a composition root: the window until it is closed, or one screen rendered to a PNG.
 * Engine work runs on virtual threads, never on the event thread. Failures come back as the engine's typed
 * outcomes for the caller to word.
 */
public final class GuiLauncher {
    /** How long a screenshot waits for the drives to be looked at before it gives up. */
    static final Duration SETTLE = Duration.ofSeconds(120);

    private GuiLauncher() {
    }

    /** Where the settings live: $XDG_CONFIG_HOME/odflash/gui.properties (default $HOME/.config). */
    public static Path settingsFile(Map<String, String> env) {
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path base = xdg.isBlank() ? Path.of(home, ".config") : Path.of(xdg);
        return base.resolve("odflash").resolve("gui.properties");
    }

    public static void run(GuiHost host, GuiStart start, Map<String, String> env) throws OdflashException {
        if (start.screenshot().isPresent() && Files.exists(start.screenshot().get(), LinkOption.NOFOLLOW_LINKS)) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, start.screenshot().get() + " exists; odflash never"
                    + " overwrites a file");
        }
        SettingsStore store = new SettingsStore(settingsFile(env));
        SettingsStore.Settings saved = store.load();
        Appearance appearance = start.appearance().theme() == Appearance.Theme.SYSTEM && start.appearance().scale() == 0
                ? saved.appearance() : start.appearance();
        if (start.screenshot().isEmpty() && appearance.scale() > 0) {
            System.setProperty("sun.java2d.uiScale", String.valueOf(appearance.scale())); // before the first window
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw OdflashException.usage("no display to show the GUI on (DISPLAY is not set); on a machine without a"
                    + " screen, Xvfb provides one");
        }
        GuiHost used = saved.library().map(lib -> (GuiHost) new LibraryAt(host, lib)).orElse(host);
        ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
        try {
            AtomicReference<MainWindow> window = new AtomicReference<>();
            AtomicReference<GuiModels> models = new AtomicReference<>();
            CountDownLatch closed = new CountDownLatch(1);
            edt(() -> {
                Theme.apply(appearance.theme(), env);
                GuiModels m = new GuiModels(used, new Threads(worker, SwingUtilities::invokeLater));
                models.set(m);
                MainWindow w = new MainWindow(m, store, env);
                window.set(w);
                JFrame f = w.frame(closed::countDown);
                if (start.screenshot().isEmpty()) {
                    f.setVisible(true);
                }
                start.device().ifPresent(d -> m.drives().select(d));
                m.drives().refresh();
                w.show(start.screen());
            });
            if (start.screenshot().isPresent()) {
                settle(models.get());
                AtomicReference<IOException> failed = new AtomicReference<>();
                edt(() -> {
                    window.get().show(start.screen());
                    try {
                        double scale = appearance.scale() > 0 ? appearance.scale() : 1;
                        Screenshots.write(Screenshots.paint(window.get().content(), scale), start.screenshot().get());
                    } catch (IOException e) {
                        failed.set(e);
                    }
                });
                if (failed.get() instanceof java.nio.file.FileAlreadyExistsException) {
                    throw OdflashException.refused(Gate.OUTPUT_EXISTS, start.screenshot().get() + " exists; odflash never"
                            + " overwrites a file");
                }
                if (failed.get() != null) {
                    throw OdflashException.usage("cannot write " + start.screenshot().get() + ": " + failed.get().getMessage());
                }
                edt(() -> SwingUtilities.getWindowAncestor(window.get().content()).dispose());
                return;
            }
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            worker.shutdownNow();
        }
    }

    /** Waits until the drives were looked at (a screenshot shows them, not a "looking" state). */
    private static void settle(GuiModels m) throws OdflashException, InterruptedException {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < end) {
            AtomicReference<Boolean> busy = new AtomicReference<>(true);
            edt(() -> busy.set(m.drives().busy()));
            if (!busy.get()) {
                edt(() -> { }); // let the last change reach the screens
                return;
            }
            Thread.sleep(50);
        }
        throw OdflashException.bug("the drives were not looked at within " + SETTLE.toSeconds() + " s");
    }

    private static void edt(Runnable r) throws OdflashException {
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OdflashException.interrupted("stopped while the GUI started", false);
        } catch (InvocationTargetException e) {
            throw OdflashException.bug("the GUI failed: " + e.getCause());
        }
    }

    /** The host with the library the settings name. */
    private record LibraryAt(GuiHost host, Path home) implements GuiHost {
        public java.util.List<DriveEntry> discover() {
            return host.discover();
        }

        public dev.odflash.transport.Device open(String spec, dev.odflash.transport.UserActions user)
                throws OdflashException {
            return host.open(spec, user);
        }

        public dev.odflash.ops.DriveProbe probe() throws OdflashException {
            return host.probe();
        }

        public dev.odflash.ops.BackupLibrary library() {
            return new dev.odflash.ops.BackupLibrary(home);
        }

        public java.time.Clock clock() {
            return host.clock();
        }

        public java.util.List<dev.odflash.ops.status.KnownImage> knownImages(String spec, dev.odflash.ops.DriveInfo info) {
            return host.knownImages(spec, info);
        }

        public Path saveReport(String spec, Path directory) throws OdflashException {
            return host.saveReport(spec, directory);
        }

        public java.util.List<dev.odflash.doctor.Check> doctor() throws OdflashException {
            return host.doctor();
        }
    }
}
