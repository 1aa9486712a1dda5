package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The window a GUI test opened, closed after the test whether it passed or failed (a window left open would
 * keep its emulated drives and worker threads alive into the next test). One window at a time.
 */
final class OpenWindow implements AfterEachCallback {
    private GuiFixture open;

    GuiFixture show(EmulatorHost host, Appearance.Theme theme) {
        close();
        open = new GuiFixture(host, theme);
        return open;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private void close() {
        if (open != null) {
            open.close();
            open = null;
        }
    }
}
