package dev.odflash.gui.view;

import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.OperationLog;

import javax.swing.BorderFactory;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/** The diagnostic log of every operation, filterable, and "Save report…". */
final class DiagnosticsScreen extends JPanel {
    private final OperationLog log;
    private final JTextField filter = Ui.named(new JTextField(20), "diagnostics-filter", "Filter the log");
    private final JTextArea text = Ui.named(new JTextArea(), "diagnostics-log", "Diagnostic log");
    private final JLabel saved = Ui.label(" ", "diagnostics-saved");

    DiagnosticsScreen(GuiModels models) {
        super(new BorderLayout(8, 8));
        this.log = models.log();
        Ui.named(this, "diagnostics-screen", "Diagnostics");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel top = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "diagnostics-toolbar", "Diagnostics toolbar");
        top.add(Ui.heading("Diagnostics", "diagnostics-heading"));
        top.add(Ui.label("Filter:", "diagnostics-filter-label"));
        top.add(filter);
        top.add(Ui.button("Save report\u2026", "diagnostics-save-report", this::save));
        top.add(saved);
        add(top, BorderLayout.NORTH);
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, text.getFont().getSize()));
        add(Ui.named(new JScrollPane(text), "diagnostics-scroll", "Diagnostic log"), BorderLayout.CENTER);
        filter.getDocument().addDocumentListener(new DocumentListener() {
            public void insertUpdate(DocumentEvent e) {
                refresh();
            }

            public void removeUpdate(DocumentEvent e) {
                refresh();
            }

            public void changedUpdate(DocumentEvent e) {
                refresh();
            }
        });
        log.changes().listen(() -> javax.swing.SwingUtilities.invokeLater(this::refresh));
        refresh();
    }

    void refresh() {
        text.setText(log.filtered(filter.getText()).stream().map(OperationLog.Line::format)
                .collect(Collectors.joining("\n")));
    }

    private void save() {
        JFileChooser chooser = Ui.named(new JFileChooser(), "diagnostics-save-chooser", "Save report");
        chooser.setSelectedFile(new java.io.File("odflash-report.txt"));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            try {
                log.save(chooser.getSelectedFile().toPath(), Optional.empty());
                Ui.text(saved, "Saved to " + chooser.getSelectedFile());
            } catch (IOException e) {
                Ui.text(saved, "Not saved: " + e.getMessage());
            }
        }
    }
}
