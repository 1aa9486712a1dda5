package dev.odflash.gui.view;

import dev.odflash.gui.model.BackupModel;
import dev.odflash.gui.model.GuiModels;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import java.awt.BorderLayout;

/** Backup into the library: the whole flash read twice, with progress and ETA. */
final class BackupScreen extends JPanel {
    private final GuiModels models;
    private final BackupModel b;
    private final JLabel drive = Ui.label(" ", "backup-drive");
    private final JButton start;
    private final JProgressBar bar = Ui.named(new JProgressBar(0, 100), "backup-progress-bar", "Backup progress");
    private final JLabel text = Ui.label(" ", "backup-progress-text");
    private final OutcomePanel outcome;

    BackupScreen(GuiModels models) {
        super(new BorderLayout(8, 8));
        this.models = models;
        this.b = models.backup();
        Ui.named(this, "backup-screen", "Backup");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        add(Ui.heading("Back up the firmware", "backup-heading"), BorderLayout.NORTH);
        JPanel col = Ui.named(new JPanel(), "backup-column", "Backup");
        col.setLayout(new BoxLayout(col, BoxLayout.Y_AXIS));
        col.add(drive);
        col.add(Ui.prose("The whole flash is read twice; both reads must agree. The image and its SHA-256 sidecar go"
                + " into the library; nothing is ever overwritten.", "backup-intro"));
        start = Ui.button("Back up now", "backup-start", () -> models.drives().selected()
                .ifPresent(c -> b.backUp(c.entry().spec())));
        col.add(start);
        col.add(bar);
        col.add(text);
        outcome = new OutcomePanel("backup-outcome", models);
        col.add(outcome);
        for (var c : col.getComponents()) {
            ((javax.swing.JComponent) c).setAlignmentX(LEFT_ALIGNMENT);
        }
        add(col, BorderLayout.CENTER);
        b.changes().listen(this::refresh);
        models.drives().changes().listen(this::refresh);
        refresh();
    }

    void refresh() {
        Ui.text(drive, models.drives().selected().map(c -> "Drive: " + c.title()).orElse("Drive: none selected"));
        String spec = models.drives().selected().map(c -> c.entry().spec()).orElse("");
        Ui.enable(start, !b.busy(spec) && models.drives().selected().flatMap(c -> c.info()).isPresent());
        bar.setValue(b.progress(spec).percent());
        Ui.text(text, b.busy(spec) ? b.progress(spec).text() : " ");
        outcome.show(b.outcome(spec));
    }
}
