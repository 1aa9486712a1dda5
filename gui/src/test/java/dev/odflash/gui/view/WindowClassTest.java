package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main window, as X11 sees it: its WM_CLASS class is {@code odflash}, the desktop entry's StartupWMClass.
 * Asked of the X server with {@code xprop} (package x11-utils), not of Java, so the check shares no code with
 * WindowClass.
 */
class WindowClassTest {
    /** xprop's line for a string list: WM_CLASS(STRING) = "instance", "class". */
    private static final Pattern WM_CLASS = Pattern.compile("WM_CLASS\\(STRING\\) = \"([^\"]*)\", \"([^\"]*)\"");

    @TempDir
    Path dir;
    @RegisterExtension
    final OpenWindow windows = new OpenWindow();
    private GuiFixture gui;

    @Test
    void theMainWindowsX11ClassIsOdflash() throws Exception {
        gui = windows.show(new EmulatorHost(dir), Appearance.Theme.LIGHT);
        // a title no other window has, so xprop finds this frame; WM_CLASS was fixed when the frame was made
        String title = "odflash-wm-class-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        gui.onEdt(() -> {
            gui.window.target().setTitle(title);
            return null;
        });
        String out = "";
        for (int i = 0; i < 50 && !WM_CLASS.matcher(out).find(); i++) {
            out = xprop(title); // the title reaches the server asynchronously
            Thread.sleep(100);
        }
        Matcher m = WM_CLASS.matcher(out);
        assertThat(m.find()).as("xprop's answer: %s", out).isTrue();
        assertThat(m.group(2)).isEqualTo("odflash");
    }

    private static String xprop(String title) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("xprop", "-name", title, "WM_CLASS").redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("xprop ended").isTrue();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
