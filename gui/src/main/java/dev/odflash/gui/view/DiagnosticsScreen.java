package dev.odflash.gui.view;

import dev.odflash.gui.model.DoctorModel;
import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.OperationLog;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
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

/** The doctor's checks (DoctorModel), the diagnostic log of every operation, filterable, and "Save report…". */
final class DiagnosticsScreen extends JPanel {
    private final OperationLog log;
    private final JTextField filter = Ui.named(new JTextField(20), "diagnostics-filter", "Filter the log");
    private final JTextArea text = Ui.named(new JTextArea(), "diagnostics-log", "Diagnostic log");
    private final JLabel saved = Ui.label(" ", "diagnostics-saved");
    private final JTextArea trace = Ui.named(new JTextArea(), "diagnostics-trace", "Command trace of the last operation");
    private final dev.odflash.gui.model.TraceModel traceModel;

    DiagnosticsScreen(GuiModels models) {
        super(new BorderLayout(8, 8));
        this.log = models.log();
        this.traceModel = models.trace();
        Ui.named(this, "diagnostics-screen", "Diagnostics");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel top = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "diagnostics-toolbar", "Diagnostics toolbar");
        top.add(Ui.heading("Diagnostics", "diagnostics-heading"));
        top.add(Ui.label("Filter:", "diagnostics-filter-label"));
        top.add(filter);
        top.add(Ui.button("Save report\u2026", "diagnostics-save-report", this::save));
        javax.swing.JCheckBox record = Ui.named(new javax.swing.JCheckBox("Record a command trace"), "diagnostics-trace-toggle",
                "Record a command trace of each operation");
        record.addActionListener(e -> traceModel.record(record.isSelected()));
        top.add(record);
        top.add(saved);
        add(top, BorderLayout.NORTH);
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, text.getFont().getSize()));
        trace.setEditable(false);
        trace.setFont(text.getFont());
        javax.swing.JTabbedPane logs = Ui.named(new javax.swing.JTabbedPane(), "diagnostics-logs", "Log and command trace");
        logs.addTab("Log", Ui.named(new JScrollPane(text), "diagnostics-scroll", "Diagnostic log"));
        logs.addTab("Command trace", Ui.named(new JScrollPane(trace), "diagnostics-trace-scroll", "Command trace"));
        JSplitPane split = Ui.named(new JSplitPane(JSplitPane.VERTICAL_SPLIT, doctorPanel(models.doctor()), logs),
                "diagnostics-split", "Checks and log");
        split.setResizeWeight(0.4);
        add(split, BorderLayout.CENTER);
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
        log.changes().listen(() -> javax.swing.SwingUtilities.invokeLater(this::refresh)); // an operation ended: its trace too
        traceModel.changes().listen(this::refresh);
        refresh();
    }

    /** The doctor's checks: run on request (they open every drive the system shows, with harmless reads only). */
    private JPanel doctorPanel(DoctorModel doctor) {
        JPanel p = Ui.named(new JPanel(new BorderLayout(6, 6)), "doctor-panel", "Checks of this computer and its drives");
        JPanel bar = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "doctor-toolbar", "Checks toolbar");
        JButton run = Ui.button("Check this computer and its drives", "doctor-run", doctor::run);
        JLabel state = Ui.label(" ", "doctor-state");
        bar.add(run);
        bar.add(state);
        p.add(bar, BorderLayout.NORTH);
        RowsTable table = new RowsTable("doctor-checks", "Checks", "Result", "Check", "Drive", "Found", "What to do");
        p.add(Ui.named(new JScrollPane(table), "doctor-scroll", "Checks"), BorderLayout.CENTER);
        Runnable show = () -> {
            run.setEnabled(!doctor.busy());
            Ui.text(state, doctor.busy() ? "Checking\u2026"
                    : doctor.failedWords().map(f -> "The checks did not finish: " + f).orElse(!doctor.ran() ? " "
                    : doctor.failures() == 0 ? "No check failed." : doctor.failures() + " check(s) failed: see What to do."));
            table.rows(doctor.rows().stream().map(r -> new String[]{r.status(), r.check(), r.target(), r.detail(), r.fix()})
                    .toList());
        };
        doctor.changes().listen(show);
        show.run();
        return p;
    }

    void refresh() {
        String t = traceModel.text();
        if (!t.equals(trace.getText())) {
            trace.setText(t);
        }
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
