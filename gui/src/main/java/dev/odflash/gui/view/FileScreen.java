package dev.odflash.gui.view;

import dev.odflash.gui.model.FileModel;
import dev.odflash.gui.model.GuiModels;

import javax.swing.BorderFactory;
import javax.swing.JFileChooser;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.nio.file.Path;

/** A firmware file without a drive: what it is, by the checks flash applies. */
final class FileScreen extends JPanel {
    private final FileModel f;
    private final JTextField path = Ui.named(new JTextField(40), "file-path", "Firmware file path");
    private final RowsTable table = new RowsTable("file-report", "Firmware file", "Property", "Value");
    private final OutcomePanel outcome;

    FileScreen(GuiModels models) {
        super(new BorderLayout(8, 8));
        this.f = models.file();
        Ui.named(this, "file-screen", "Firmware file");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel top = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "file-toolbar", "Firmware file toolbar");
        top.add(Ui.heading("Firmware file", "file-heading"));
        top.add(path);
        top.add(Ui.button("Open", "file-open", () -> {
            if (!path.getText().isBlank()) {
                f.open(Path.of(path.getText().strip()));
            }
        }));
        top.add(Ui.button("Browse\u2026", "file-browse", () -> {
            JFileChooser chooser = Ui.named(new JFileChooser(), "file-chooser", "Open a firmware file");
            if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                path.setText(chooser.getSelectedFile().getPath());
                f.open(chooser.getSelectedFile().toPath());
            }
        }));
        add(top, BorderLayout.NORTH);
        add(Ui.named(new JScrollPane(table), "file-scroll", "Firmware file report"), BorderLayout.CENTER);
        outcome = new OutcomePanel("file-outcome", models.log());
        add(outcome, BorderLayout.SOUTH);
        f.changes().listen(this::refresh);
        refresh();
    }

    void refresh() {
        table.rows(f.rows().stream().map(r -> new String[]{r.name(), r.value()}).toList());
        outcome.show(f.outcome());
    }
}
