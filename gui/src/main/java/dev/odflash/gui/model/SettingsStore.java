package dev.odflash.gui.model;

import dev.odflash.gui.Appearance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The GUI's settings (theme, UI scale, library location) in one small properties file. A value that cannot
 * be read falls back to its default; the file is replaced by a rename, never written through a link.
 */
public final class SettingsStore {
    public record Settings(Appearance appearance, Optional<Path> library) {
    }

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                p.clear();
            }
        }
        Appearance.Theme theme;
        try {
            theme = Appearance.Theme.valueOf(p.getProperty("theme", "system").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            theme = Appearance.Theme.SYSTEM;
        }
        double scale;
        try {
            scale = Double.parseDouble(p.getProperty("scale", "0"));
        } catch (NumberFormatException e) {
            scale = 0;
        }
        if (!(scale == 0 || (scale >= 1 && scale <= 4))) {
            scale = 0;
        }
        String lib = p.getProperty("library", "").strip();
        return new Settings(new Appearance(theme, scale), lib.isEmpty() ? Optional.empty() : Optional.of(Path.of(lib)));
    }

    public void save(Settings s) throws IOException {
        Properties p = new Properties();
        p.setProperty("theme", s.appearance().theme().name().toLowerCase(Locale.ROOT));
        p.setProperty("scale", String.valueOf(s.appearance().scale()));
        p.setProperty("library", s.library().map(Path::toString).orElse(""));
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".gui-settings", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "odflash GUI settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
