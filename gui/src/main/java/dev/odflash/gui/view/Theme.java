package dev.odflash.gui.view;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import dev.odflash.gui.Appearance;

import java.util.Map;

/**
 * FlatLaf light or dark. FlatLaf does not detect the desktop's theme, so "System" follows GTK_THEME's
 * ":dark" suffix (the GTK convention for a dark variant) and is light otherwise.
 */
public final class Theme {
    private Theme() {
    }

    public static boolean dark(Appearance.Theme theme, Map<String, String> env) {
        return switch (theme) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> env.getOrDefault("GTK_THEME", "").toLowerCase(java.util.Locale.ROOT).endsWith(":dark");
        };
    }

    /** Installs the look and feel; with windows open, they are updated in place. */
    public static void apply(Appearance.Theme theme, Map<String, String> env) {
        if (dark(theme, env)) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        FlatLaf.updateUI();
    }
}
