package dev.odflash.gui;

/**
 * Theme and UI scale. {@code scale} 0 keeps the desktop's own scale (the JVM reads GDK_SCALE); a GUI
 * started at another scale sets sun.java2d.uiScale before the first window, so it must be known at start.
 */
public record Appearance(Theme theme, double scale) {
    public enum Theme { SYSTEM, LIGHT, DARK }

    public static Appearance defaults() {
        return new Appearance(Theme.SYSTEM, 0);
    }
}
