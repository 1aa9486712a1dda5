package dev.odflash.gui.model;

import dev.odflash.gui.Appearance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void settingsRoundTripAndBadValuesFallBackToTheDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("odflash/gui.properties"));
        assertThat(store.load()).isEqualTo(new SettingsStore.Settings(Appearance.defaults(), Optional.empty()));
        SettingsStore.Settings s = new SettingsStore.Settings(new Appearance(Appearance.Theme.DARK, 2), Optional.of(dir.resolve("lib")));
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
        Files.writeString(store.file(), "theme=purple\nscale=99\nlibrary=\n");
        assertThat(store.load()).isEqualTo(new SettingsStore.Settings(Appearance.defaults(), Optional.empty()));
    }

    @Test
    void aLinkAtTheSettingsFileIsReplacedNotFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("victim.txt"), "keep");
        Path file = dir.resolve("gui.properties");
        Files.createSymbolicLink(file, target);
        SettingsStore store = new SettingsStore(file);
        assertThat(store.load()).as("a link is not read").isEqualTo(new SettingsStore.Settings(Appearance.defaults(), Optional.empty()));
        store.save(new SettingsStore.Settings(new Appearance(Appearance.Theme.LIGHT, 0), Optional.empty()));
        assertThat(Files.readString(target)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(file)).isFalse();
    }
}
