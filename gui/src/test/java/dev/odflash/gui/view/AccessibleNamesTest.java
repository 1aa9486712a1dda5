package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.EmulatorHost;
import dev.odflash.gui.model.FlashWizardModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.accessibility.AccessibleContext;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JProgressBar;
import javax.swing.JScrollBar;
import javax.swing.JTable;
import javax.swing.JViewport;
import javax.swing.text.JTextComponent;
import java.awt.Component;
import java.awt.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every widget and input on every screen (visible or not: each screen, wizard step, banner and card is in
 * the tree) has a component name and an accessible name. Inside composite widgets (a combo box's arrow,
 * a scroll bar, a table's renderer) Swing names its own parts.
 */
class AccessibleNamesTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenWindow windows = new OpenWindow();
    private GuiFixture gui;

    static boolean widget(Component c) {
        return c instanceof AbstractButton || c instanceof JTextComponent || c instanceof JComboBox<?>
                || c instanceof JTable || c instanceof JProgressBar || c instanceof JLabel || c instanceof JList<?>;
    }

    static void walk(Component c, List<String> unnamed) {
        if (c instanceof JComponent j && widget(c)) {
            AccessibleContext a = j.getAccessibleContext();
            String accessible = a == null ? null : a.getAccessibleName();
            if (j.getName() == null || j.getName().isBlank() || accessible == null || accessible.isBlank()) {
                unnamed.add(c.getClass().getSimpleName() + " name=" + j.getName() + " accessible=" + accessible
                        + " in " + (c.getParent() == null ? "-" : c.getParent().getName()));
            }
        }
        if (c instanceof JComboBox<?> || c instanceof JScrollBar || c instanceof JTable) {
            return; // their parts are Swing's own
        }
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                if (!(c instanceof JViewport) || widget(child) || child instanceof Container) {
                    walk(child, unnamed);
                }
            }
        }
    }

    @Test
    void everyWidgetOnEveryScreenIsNamed() throws Exception {
        EmulatorHost host = new EmulatorHost(dir);
        host.show(host.crw("drive", ""));
        gui = windows.show(host, Appearance.Theme.LIGHT);
        gui.refreshDrives();
        // the wizard up to the gates, so the comparison, gate rows and override boxes exist too
        gui.window.button("drive-card-0-flash").click();
        gui.window.textBox("flash-file-path").setText(host.firmware("1.00").toString());
        gui.window.button("flash-file-open").click();
        gui.await("side by side", 30, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.COMPARE);
        gui.window.button("flash-check-gates").click();
        gui.await("gates", 60, () -> gui.models.wizard().stage() == FlashWizardModel.Stage.GATES && !gui.models.wizard().busy());
        List<String> unnamed = gui.onEdt(() -> {
            List<String> out = new ArrayList<>();
            walk(gui.main.content(), out);
            return out;
        });
        assertThat(unnamed).isEmpty();
        int widgets = gui.onEdt(() -> count(gui.main.content()));
        assertThat(widgets).as("the walk saw the screens' widgets").isGreaterThan(100);
    }

    @Test
    void theWalkFindsAnUnnamedWidget() {
        GuiFixture.requireDisplay();
        javax.swing.JPanel p = new javax.swing.JPanel();
        p.add(new javax.swing.JButton("x"));
        List<String> out = new ArrayList<>();
        walk(p, out);
        assertThat(out).hasSize(1);
    }

    private static int count(Component c) {
        int n = widget(c) ? 1 : 0;
        if (c instanceof Container k && !(c instanceof JComboBox<?>) && !(c instanceof JTable)) {
            for (Component child : k.getComponents()) {
                n += count(child);
            }
        }
        return n;
    }
}
