package dev.odflash.gui.view;

import java.awt.Toolkit;
import java.lang.reflect.Field;

/**
 * Names the application's X11 window class {@code odflash}, so that a desktop matches the window to the
 * desktop entry (StartupWMClass=odflash) and shows its icon and name instead of the JVM's main class.
 *
 * <p>Why reflection: AWT on X11 writes WM_CLASS's class part from the private static field
 * {@code sun.awt.X11.XToolkit.awtAppClassName} (OpenJDK src/java.desktop/unix/classes/sun/awt/X11/XToolkit.java,
 * read by XWindow.getWMClass when a window's peer is made) and offers no property to set it. The field is read
 * per window, so setting it before the first frame is shown is enough; the launcher opens the package
 * (cli/pom.xml's Add-Opens manifest entry). Elsewhere (not X11, or the package not opened) the window keeps
 * the toolkit's default class: a cosmetic loss, never a failure.
 */
final class WindowClass {
    static final String NAME = "odflash";
    private static final String X_TOOLKIT = "sun.awt.X11.XToolkit";

    private WindowClass() {
    }

    /** Sets the window class; true when it was set, false when this toolkit or JVM does not allow it. */
    static boolean apply() {
        Toolkit toolkit = Toolkit.getDefaultToolkit(); // loads and initialises the toolkit before the field is set
        if (!toolkit.getClass().getName().equals(X_TOOLKIT)) {
            return false;
        }
        try {
            Field field = toolkit.getClass().getDeclaredField("awtAppClassName");
            field.setAccessible(true);
            field.set(null, NAME);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException without the Add-Opens, NoSuchFieldException on another JDK
            return false;
        }
    }
}
