package dev.odflash.gui.view;

import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.LibraryModel;
import dev.odflash.gui.model.Texts;
import dev.odflash.ops.status.LibraryContents;

import javax.swing.BorderFactory;
import javax.swing.JFileChooser;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.util.List;
import java.util.function.Consumer;

/** The library per drive: date, version, hash, verified; restore (through the wizard), export, compare two. */
final class LibraryScreen extends JPanel {
    private final GuiModels models;
    private final LibraryModel lib;
    private final RowsTable table = new RowsTable("library-table", "Backups", "Drive", "Date", "Version", "sha256", "State");
    private final JTextArea comparison = Ui.prose("", "library-comparison");
    private final OutcomePanel outcome;

    LibraryScreen(GuiModels models, Consumer<String> go) {
        super(new BorderLayout(8, 8));
        this.models = models;
        this.lib = models.library();
        Ui.named(this, "library-screen", "Library");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel top = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0)), "library-toolbar", "Library toolbar");
        top.add(Ui.heading("Library", "library-heading"));
        top.add(Ui.button("Refresh", "library-refresh", lib::refresh));
        top.add(Ui.button("Flash this backup\u2026", "library-restore", () -> selected(1).ifPresent(i -> {
            models.wizard().chooseFile(i.getFirst().entry().file());
            go.accept("flash");
        })));
        top.add(Ui.button("Export\u2026", "library-export", () -> selected(1).ifPresent(i -> export(i.getFirst()))));
        top.add(Ui.button("Compare two", "library-compare", () -> selected(2).ifPresent(i -> lib.compare(i.get(0), i.get(1)))));
        add(top, BorderLayout.NORTH);
        table.setSelectionMode(javax.swing.ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        add(Ui.named(new JScrollPane(table), "library-scroll", "Backups"), BorderLayout.CENTER);
        JPanel south = Ui.named(new JPanel(new BorderLayout()), "library-bottom", "Library results");
        south.add(comparison, BorderLayout.CENTER);
        outcome = new OutcomePanel("library-outcome", models);
        south.add(outcome, BorderLayout.SOUTH);
        add(south, BorderLayout.SOUTH);
        lib.changes().listen(this::refresh);
        refresh();
    }

    private java.util.Optional<List<LibraryContents.Item>> selected(int n) {
        int[] rows = table.getSelectedRows();
        if (rows.length != n) {
            return java.util.Optional.empty();
        }
        List<LibraryContents.Item> items = lib.items();
        return java.util.Optional.of(java.util.Arrays.stream(rows).mapToObj(items::get).toList());
    }

    private void export(LibraryContents.Item item) {
        JFileChooser chooser = Ui.named(new JFileChooser(), "library-export-chooser", "Export the backup");
        chooser.setSelectedFile(item.entry().file().getFileName().toFile());
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            lib.export(item, chooser.getSelectedFile().toPath());
        }
    }

    void refresh() {
        table.rows(lib.items().stream().map(i -> new String[]{Texts.line(i.driveKey()), Texts.line(i.entry().createdAt()),
                Texts.line(i.entry().revision()), i.entry().sha256().substring(0, Math.min(16, i.entry().sha256().length())),
                i.entry().state().word()}).toList());
        comparison.setText(lib.comparison().orElse(""));
        outcome.show(lib.outcome());
    }
}
