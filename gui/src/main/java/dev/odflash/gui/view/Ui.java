package dev.odflash.gui.view;

import javax.swing.AbstractButton;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.UIManager;
import java.awt.Color;
import java.awt.Font;

/**
 * Widget helpers: every widget gets a component name (what the tests look it up by) and an accessible name
 * (what a screen reader says); AccessibleNamesTest walks every screen's tree to keep it so.
 */
final class Ui {
    private Ui() {
    }

    static <T extends JComponent> T named(T c, String name, String accessible) {
        c.setName(name);
        c.getAccessibleContext().setAccessibleName(accessible);
        return c;
    }

    static JButton button(String text, String name, Runnable action) {
        JButton b = named(new JButton(text), name, text.replace("\u2026", ""));
        b.addActionListener(e -> action.run());
        return b;
    }

    static JLabel label(String text, String name) {
        JLabel l = new JLabel(text);
        return named(l, name, name.replace('-', ' '));
    }

    /** A label whose accessible name is its text (updated with it). */
    static void text(JLabel l, String text) {
        l.setText(text);
        String spoken = text.replaceAll("<[^>]+>", " ").strip();
        l.getAccessibleContext().setAccessibleName(spoken.isEmpty() ? l.getName().replace('-', ' ') : spoken);
    }

    static JLabel heading(String text, String name) {
        JLabel l = label(text, name);
        l.setFont(l.getFont().deriveFont(Font.BOLD, l.getFont().getSize2D() * 1.3f));
        text(l, text);
        return l;
    }

    /** Wrapped, read-only text (explanations, reports). */
    static JTextArea prose(String text, String name) {
        JTextArea a = named(new JTextArea(text), name, name.replace('-', ' '));
        a.setEditable(false);
        a.setLineWrap(true);
        a.setWrapStyleWord(true);
        a.setOpaque(false);
        a.setBorder(BorderFactory.createEmptyBorder(2, 2, 2, 2));
        a.setFont(UIManager.getFont("Label.font"));
        return a;
    }

    static Color warning() {
        Color c = UIManager.getColor("Component.warning.focusedBorderColor");
        return c == null ? new Color(0xE0A000) : c;
    }

    static Color error() {
        Color c = UIManager.getColor("Component.error.focusedBorderColor");
        return c == null ? new Color(0xD03030) : c;
    }

    static void enable(AbstractButton b, boolean on) {
        if (b.isEnabled() != on) {
            b.setEnabled(on);
        }
    }

    static String html(String text) {
        return "<html>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + "</html>";
    }
}
