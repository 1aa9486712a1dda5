package dev.odflash.gui.view;

import dev.odflash.gui.model.DriveCard;
import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.Texts;
import dev.odflash.ops.flash.Journal;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JPanel;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Shown when a drive has a flash its journal says did not finish: resume it (the journal's own image) or
 * restore the backup the journal names.
 */
final class ResumeBanner extends JPanel {
    private final GuiModels models;
    private final Consumer<String> go;

    ResumeBanner(GuiModels models, Consumer<String> go) {
        this.models = models;
        this.go = go;
        Ui.named(this, "resume-banner", "Interrupted flash");
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        models.drives().changes().listen(this::refresh);
        models.wizard().changes().listen(this::refresh);
        refresh();
    }

    void refresh() {
        removeAll();
        int i = 0;
        for (DriveCard c : models.drives().pending()) {
            Journal j = c.pending().get();
            String id = "resume-" + i++;
            JPanel row = Ui.named(new JPanel(new BorderLayout(8, 0)), id, "Interrupted flash of " + c.title());
            row.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(0, 6, 0, 0, Ui.warning()),
                    BorderFactory.createEmptyBorder(6, 10, 6, 10)));
            row.add(Ui.prose("A flash of " + c.title() + " to " + Texts.line(j.toVersion()) + " did not finish (started "
                    + j.startedAt() + "). Resume it with the same image, or restore the backup taken before it.",
                    id + "-text"), BorderLayout.CENTER);
            JPanel actions = Ui.named(new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0)), id + "-actions", "Resume actions");
            JButton resume = Ui.button("Resume", id + "-resume", () -> start(c, Path.of(j.targetFile()), false));
            JButton restore = Ui.button("Restore the backup", id + "-restore", () -> start(c, Path.of(j.backupFile()), true));
            boolean idle = !models.wizard().running();
            resume.setEnabled(idle);
            restore.setEnabled(idle && !j.backupFile().isEmpty());
            actions.add(resume);
            actions.add(restore);
            row.add(actions, BorderLayout.EAST);
            add(row);
        }
        setVisible(i > 0);
        revalidate();
        repaint();
    }

    private void start(DriveCard c, Path file, boolean restore) {
        models.wizard().resume(c.entry().spec(), c.info().orElseThrow(), file, restore);
        go.accept("flash");
    }
}
