package dev.odflash.gui.view;

import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.OperationLog;
import dev.odflash.gui.model.Outcome;
import dev.odflash.gui.model.ReportSaver;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import java.awt.FlowLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An operation's end: heading, detail, and "Save report…" beside every unsuccessful end (it saves that
 * operation's diagnostic log to a new file, never over another, and on the drive screens the drive's report
 * archive beside it).
 */
final class OutcomePanel extends JPanel {
    private final OperationLog log;
    private final JLabel heading;
    private final JTextArea detail;
    private final JButton save;
    private final JLabel saved;
    private Optional<Outcome> shown = Optional.empty();
    private final Optional<ReportSaver> reports;
    private final Supplier<Optional<String>> drive;

    /** Saves the operation's log only (screens not about one drive). */
    OutcomePanel(String name, OperationLog log) {
        this(name, log, Optional.empty(), Optional::empty);
    }

    /** Saves the log and, beside it, the selected drive's report archive (the one `odflash report` writes). */
    OutcomePanel(String name, GuiModels models) {
        this(name, models.log(), Optional.of(models.reports()),
                () -> models.drives().selected().map(c -> c.entry().spec()));
    }

    private OutcomePanel(String name, OperationLog log, Optional<ReportSaver> reports, Supplier<Optional<String>> drive) {
        this.log = log;
        this.reports = reports;
        this.drive = drive;
        Ui.named(this, name, name.replace('-', ' '));
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setBorder(BorderFactory.createEmptyBorder(6, 0, 6, 0));
        heading = Ui.heading("", name + "-heading");
        detail = Ui.prose("", name + "-detail");
        save = Ui.button("Save report\u2026", name + "-save-report", this::saveReport);
        saved = Ui.label("", name + "-saved");
        JPanel row = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 4)), name + "-actions", "report actions");
        row.add(save);
        row.add(saved);
        heading.setAlignmentX(LEFT_ALIGNMENT);
        detail.setAlignmentX(LEFT_ALIGNMENT);
        row.setAlignmentX(LEFT_ALIGNMENT);
        add(heading);
        add(detail);
        add(row);
        show(Optional.empty());
    }

    void show(Optional<Outcome> outcome) {
        shown = outcome;
        setVisible(outcome.isPresent());
        outcome.ifPresent(o -> {
            String h = switch (o) {
                case Outcome.Succeeded s -> s.heading();
                case Outcome.Failed f -> f.heading();
                case Outcome.WorkerDied d -> d.heading();
            };
            String d = switch (o) {
                case Outcome.Succeeded s -> s.detail();
                case Outcome.Failed f -> f.detail() + f.log().map(p -> "\nDiagnostic log: " + p).orElse("");
                case Outcome.WorkerDied w -> w.detail() + w.log().map(p -> "\nDiagnostic log: " + p).orElse("");
            };
            Ui.text(heading, h);
            heading.setForeground(o instanceof Outcome.Succeeded ? javax.swing.UIManager.getColor("Label.foreground") : Ui.error());
            detail.setText(d);
            detail.getAccessibleContext().setAccessibleName(d);
            save.setVisible(o.reportOffered());
            Ui.text(saved, "");
        });
    }

    private void saveReport() {
        if (shown.isEmpty()) {
            return;
        }
        JFileChooser chooser = Ui.named(new JFileChooser(), "save-report-chooser", "Save report");
        chooser.setSelectedFile(new java.io.File("odflash-report-" + shown.get().operation() + ".txt"));
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path to = chooser.getSelectedFile().toPath();
        if (reports.isPresent()) {
            Ui.text(saved, "  Saving\u2026");
            reports.get().save(to, Optional.of(shown.get().operation()), drive.get(), r -> Ui.text(saved, "  " + r.words()));
            return;
        }
        try {
            log.save(to, Optional.of(shown.get().operation()));
            Ui.text(saved, "  Saved to " + to);
        } catch (IOException e) {
            Ui.text(saved, "  Not saved: " + (e instanceof java.nio.file.FileAlreadyExistsException ? to + " exists"
                    : e.getMessage()));
        }
    }
}
