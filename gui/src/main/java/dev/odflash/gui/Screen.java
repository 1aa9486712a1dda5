package dev.odflash.gui;

import java.util.Locale;
import java.util.Optional;

/** The screens {@code --screenshot} can render, by the names the issue fixes. */
public enum Screen {
    DRIVES, DETAILS, BACKUP, LIBRARY, FILE, FLASH, PROGRESS, RESULT, DIAGNOSTICS, SETTINGS, RECOVERY;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Screen> ofWord(String word) {
        for (Screen s : values()) {
            if (s.word().equals(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
