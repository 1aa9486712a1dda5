package dev.odflash.nativeio;

import java.util.Locale;

/** The operating system's pass-through family. */
public enum Platform {
    LINUX, WINDOWS, OTHER;

    public static Platform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") ? LINUX : os.startsWith("windows") ? WINDOWS : OTHER;
    }
}
