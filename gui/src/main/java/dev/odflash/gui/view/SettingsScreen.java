package dev.odflash.gui.view;

import dev.odflash.gui.Appearance;
import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.SettingsStore;

import javax.swing.BorderFactory;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Theme (applied at once), UI scale and library location (both from the next start). */
final class SettingsScreen extends JPanel {
    private static final String[] THEMES = {"System", "Light", "Dark"};
    private static final String[] SCALES = {"Desktop default", "100 %", "150 %", "200 %"};
    private static final double[] SCALE_VALUES = {0, 1, 1.5, 2};

    private final SettingsStore store;
    private final JComboBox<String> theme = Ui.named(new JComboBox<>(THEMES), "settings-theme", "Theme");
    private final JComboBox<String> scale = Ui.named(new JComboBox<>(SCALES), "settings-scale", "UI scale");
    private final JTextField library = Ui.named(new JTextField(30), "settings-library", "Library location");
    private final JLabel saved = Ui.label(" ", "settings-saved");
    private final Map<String, String> env;

    SettingsScreen(GuiModels models, SettingsStore store, Map<String, String> env) {
        super(new BorderLayout(8, 8));
        this.store = store;
        this.env = env;
        Ui.named(this, "settings-screen", "Settings");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        add(Ui.heading("Settings", "settings-heading"), BorderLayout.NORTH);
        SettingsStore.Settings s = store.load();
        theme.setSelectedIndex(s.appearance().theme().ordinal());
        for (int i = 0; i < SCALE_VALUES.length; i++) {
            if (SCALE_VALUES[i] == s.appearance().scale()) {
                scale.setSelectedIndex(i);
            }
        }
        library.setText(s.library().map(Path::toString).orElse(models.host().library().home().toString()));
        JPanel form = Ui.named(new JPanel(new GridLayout(0, 2, 8, 8)), "settings-form", "Settings");
        form.add(Ui.label("Theme", "settings-theme-label"));
        form.add(theme);
        form.add(Ui.label("UI scale (from the next start)", "settings-scale-label"));
        form.add(scale);
        form.add(Ui.label("Library location (from the next start)", "settings-library-label"));
        form.add(library);
        form.add(Ui.button("Save", "settings-save", this::save));
        form.add(saved);
        JPanel wrap = Ui.named(new JPanel(new BorderLayout()), "settings-wrap", "Settings form");
        wrap.add(form, BorderLayout.NORTH);
        add(wrap, BorderLayout.CENTER);
        theme.addActionListener(e -> Theme.apply(Appearance.Theme.values()[theme.getSelectedIndex()], env));
    }

    private void save() {
        String lib = library.getText().strip();
        SettingsStore.Settings s = new SettingsStore.Settings(new Appearance(Appearance.Theme.values()[theme.getSelectedIndex()],
                SCALE_VALUES[scale.getSelectedIndex()]), lib.isEmpty() ? Optional.empty() : Optional.of(Path.of(lib)));
        try {
            store.save(s);
            Ui.text(saved, "Saved");
        } catch (IOException e) {
            Ui.text(saved, "Not saved: " + e.getMessage());
        }
    }
}
