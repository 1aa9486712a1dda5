package dev.odflash.gui.view;

import dev.odflash.gui.model.ChoiceWords;
import dev.odflash.gui.model.Comparison;
import dev.odflash.gui.model.FlashWizardModel;
import dev.odflash.gui.model.FlashWizardModel.Stage;
import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.PlanText;
import dev.odflash.gui.model.ProgressModel;
import dev.odflash.gui.model.Texts;
import dev.odflash.ops.Choice;
import dev.odflash.ops.ImageFit;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.FlowLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The flash wizard: file, side by side, gates (each failed gate with its own override), plan, the typed
 * confirmation (default button Cancel), progress and the result. One card per {@link Stage}.
 */
final class FlashScreen extends JPanel {
    private final GuiModels models;
    private FlashWizardModel w; // not final: the field initialisers' button actions refer to it
    private final Consumer<String> go;
    private final CardLayout cards = new CardLayout();
    private final JPanel deck = Ui.named(new JPanel(cards), "flash-steps", "Flash wizard steps");
    private final JLabel drive = Ui.label(" ", "flash-drive");

    // file
    private final JTextField path = Ui.named(new JTextField(40), "flash-file-path", "Firmware file path");
    // compare
    private final RowsTable compare = new RowsTable("flash-compare", "Drive and file side by side", "", "Drive", "File", "");
    // gates
    private final JPanel gateList = Ui.named(new JPanel(), "flash-gates", "Gates");
    private final JButton toPlan = Ui.button("Make the plan (dry run)", "flash-make-plan", () -> w.makePlan());
    // plan
    private final JTextArea plan = Ui.prose("", "flash-plan-text");
    // confirm
    private final JTextArea confirmText = Ui.prose("", "flash-confirm-text");
    private final JTextField typed = Ui.named(new JTextField(20), "flash-confirm-model", "Type the drive's model to confirm");
    private final JLabel typeHint = Ui.label(" ", "flash-confirm-hint");
    private final JButton cancelConfirm = Ui.button("Cancel", "flash-confirm-cancel", () -> w.declineConfirmation());
    private final JButton flashNow = Ui.button("Flash now", "flash-confirm-flash", () -> w.confirmAndFlash());
    private final JPanel confirmCard;
    // progress
    private final JLabel steps = Ui.label(" ", "flash-progress-steps");
    private final JProgressBar bar = Ui.named(new JProgressBar(0, 100), "flash-progress-bar", "Flash progress");
    private final JLabel progressText = Ui.label(" ", "flash-progress-text");
    private final JButton cancelRun = Ui.button("Cancel", "flash-progress-cancel", () -> w.cancel());
    // result
    private final OutcomePanel result;
    private final OutcomePanel error;
    private boolean updatingTyped;

    FlashScreen(GuiModels models, Consumer<String> go) {
        super(new BorderLayout(8, 8));
        this.models = models;
        this.w = models.wizard();
        this.go = go;
        Ui.named(this, "flash-screen", "Flash wizard");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel top = Ui.named(new JPanel(new BorderLayout()), "flash-top", "Flash wizard header");
        top.add(Ui.heading("Flash firmware", "flash-heading"), BorderLayout.NORTH);
        top.add(drive, BorderLayout.SOUTH);
        add(top, BorderLayout.NORTH);
        result = new OutcomePanel("flash-result", models);
        error = new OutcomePanel("flash-error", models);
        deck.add(fileCard(), Stage.FILE.name());
        deck.add(compareCard(), Stage.COMPARE.name());
        deck.add(gatesCard(), Stage.GATES.name());
        deck.add(planCard(), Stage.PLAN.name());
        confirmCard = confirmCard();
        deck.add(confirmCard, Stage.CONFIRM.name());
        deck.add(progressCard(), Stage.RUNNING.name());
        deck.add(resultCard(), Stage.RESULT.name());
        add(deck, BorderLayout.CENTER);
        add(error, BorderLayout.SOUTH);
        typed.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                changed();
            }

            private void changed() {
                if (!updatingTyped) {
                    w.typeModel(typed.getText());
                }
            }
        });
        w.changes().listen(this::refresh);
        refresh();
    }

    private static JPanel card(String name, String accessible) {
        JPanel p = Ui.named(new JPanel(new BorderLayout(8, 8)), name, accessible);
        return p;
    }

    private static JPanel buttons(String name, JButton... bs) {
        JPanel p = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), name, "Actions");
        for (JButton b : bs) {
            p.add(b);
        }
        return p;
    }

    private JPanel fileCard() {
        JPanel p = card("flash-card-file", "Choose the firmware file");
        p.add(Ui.prose("Step 1 of 6. Choose the firmware file: a .bin image from disk, or a backup from the library.",
                "flash-file-intro"), BorderLayout.NORTH);
        JPanel row = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "flash-file-row", "File");
        row.add(Ui.label("File:", "flash-file-label"));
        row.add(path);
        row.add(Ui.button("Open", "flash-file-open", () -> {
            if (!path.getText().isBlank()) {
                w.chooseFile(Path.of(path.getText().strip()));
            }
        }));
        row.add(Ui.button("Browse\u2026", "flash-file-browse", this::browse));
        p.add(row, BorderLayout.CENTER);
        return p;
    }

    private void browse() {
        JFileChooser chooser = Ui.named(new JFileChooser(), "flash-file-chooser", "Choose the firmware file");
        models.drives().selected().ifPresent(c -> chooser.setCurrentDirectory(models.host().library().backups().toFile()));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            path.setText(chooser.getSelectedFile().getPath());
            w.chooseFile(chooser.getSelectedFile().toPath());
        }
    }

    private JPanel compareCard() {
        JPanel p = card("flash-card-compare", "Drive and file side by side");
        p.add(Ui.prose("Step 2 of 6. The drive and the file side by side.", "flash-compare-intro"), BorderLayout.NORTH);
        p.add(Ui.named(new JScrollPane(compare), "flash-compare-scroll", "Comparison"), BorderLayout.CENTER);
        p.add(buttons("flash-compare-actions", Ui.button("Back", "flash-compare-back", () -> w.back(Stage.FILE)),
                Ui.button("Check the gates", "flash-check-gates", () -> w.evaluateGates())), BorderLayout.SOUTH);
        return p;
    }

    private JPanel gatesCard() {
        JPanel p = card("flash-card-gates", "Gates");
        p.add(Ui.prose("Step 3 of 6. Every gate the flash applies, evaluated on the drive without writing. A gate that"
                + " refuses may have its own override: each says what it risks. There is no global force.",
                "flash-gates-intro"), BorderLayout.NORTH);
        gateList.setLayout(new BoxLayout(gateList, BoxLayout.Y_AXIS));
        JPanel top = Ui.named(new JPanel(new BorderLayout()), "flash-gates-top", "Gate list");
        top.add(gateList, BorderLayout.NORTH); // rows keep their height
        p.add(Ui.named(new JScrollPane(top), "flash-gates-scroll", "Gate list"), BorderLayout.CENTER);
        p.add(buttons("flash-gates-actions", Ui.button("Back", "flash-gates-back", () -> w.back(Stage.COMPARE)), toPlan),
                BorderLayout.SOUTH);
        return p;
    }

    private JPanel planCard() {
        JPanel p = card("flash-card-plan", "Plan");
        p.add(Ui.prose("Step 4 of 6. The plan, from a dry run of the flash.", "flash-plan-intro"), BorderLayout.NORTH);
        p.add(plan, BorderLayout.CENTER);
        p.add(buttons("flash-plan-actions", Ui.button("Back", "flash-plan-back", () -> w.back(Stage.GATES)),
                Ui.button("Flash\u2026", "flash-plan-continue", () -> w.askConfirmation())), BorderLayout.SOUTH);
        return p;
    }

    private JPanel confirmCard() {
        JPanel p = card("flash-card-confirm", "Confirm the flash");
        JLabel warn = Ui.heading("This flash can permanently disable the drive if it is interrupted.", "flash-confirm-warning");
        warn.setForeground(Ui.error());
        JPanel north = Ui.named(new JPanel(new BorderLayout(4, 4)), "flash-confirm-top", "Confirmation");
        north.add(Ui.prose("Step 5 of 6.", "flash-confirm-intro"), BorderLayout.NORTH);
        north.add(warn, BorderLayout.CENTER);
        north.add(confirmText, BorderLayout.SOUTH);
        p.add(north, BorderLayout.NORTH);
        JPanel row = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "flash-confirm-row", "Type the model");
        row.add(typeHint);
        row.add(typed);
        p.add(row, BorderLayout.CENTER);
        p.add(buttons("flash-confirm-actions", cancelConfirm, flashNow), BorderLayout.SOUTH);
        return p;
    }

    private JPanel progressCard() {
        JPanel p = card("flash-card-progress", "Flash progress");
        JPanel col = Ui.named(new JPanel(), "flash-progress-column", "Progress");
        col.setLayout(new BoxLayout(col, BoxLayout.Y_AXIS));
        col.add(Ui.prose("Step 6 of 6. Backup, erase and program, verify. Cancelling is possible until the first"
                + " write begins.", "flash-progress-intro"));
        col.add(steps);
        col.add(bar);
        col.add(progressText);
        for (var c : col.getComponents()) {
            ((javax.swing.JComponent) c).setAlignmentX(LEFT_ALIGNMENT);
        }
        p.add(col, BorderLayout.NORTH);
        p.add(buttons("flash-progress-actions", cancelRun), BorderLayout.SOUTH);
        return p;
    }

    private JPanel resultCard() {
        JPanel p = card("flash-card-result", "Flash result");
        p.add(result, BorderLayout.NORTH);
        p.add(buttons("flash-result-actions", Ui.button("Back to the drives", "flash-result-drives", () -> {
            models.drives().refresh();
            go.accept("drives");
        })), BorderLayout.SOUTH);
        return p;
    }

    void refresh() {
        Ui.text(drive, w.drive().map(t -> "Drive: " + Texts.line(t.info().inquiry().vendor() + " " + t.info().inquiry().product()
                + " " + t.info().inquiry().revision())).orElse("Drive: none selected (choose one on the Drives screen)"));
        Stage s = w.stage();
        cards.show(deck, s.name());
        compare.rows(w.comparison().stream().map(r -> new String[]{r.what(), r.drive(), r.file(), mark(r.mark())}).toList());
        gates(w.gates());
        Ui.enable(toPlan, w.gatesPassed() && !w.busy());
        plan.setText(w.plan().map(PlanText::of).orElse(""));
        plan.getAccessibleContext().setAccessibleName("Plan: " + plan.getText());
        if (s == Stage.CONFIRM) {
            confirmText.setText(w.confirmationText());
            confirmText.getAccessibleContext().setAccessibleName(w.confirmationText());
            Ui.text(typeHint, "To confirm, type the model \u201C" + Texts.line(w.modelToType()) + "\u201D:");
            if (!typed.getText().equals(w.typedModel())) {
                updatingTyped = true;
                typed.setText(w.typedModel());
                updatingTyped = false;
            }
            Ui.enable(flashNow, w.consentGiven());
            if (getRootPane() != null) {
                getRootPane().setDefaultButton(cancelConfirm); // Enter cancels: only the typed model and a click flash
            }
        } else if (getRootPane() != null && getRootPane().getDefaultButton() == cancelConfirm) {
            getRootPane().setDefaultButton(null);
        }
        ProgressModel pm = w.progress();
        Ui.text(steps, stepper(pm));
        bar.setValue(pm.percent());
        Ui.text(progressText, pm.text());
        Ui.enable(cancelRun, w.canCancel());
        result.show(w.outcome().filter(o -> s == Stage.RESULT));
        error.show(w.outcome().filter(o -> s != Stage.RESULT));
    }

    private static String stepper(ProgressModel pm) {
        List<ProgressModel.Step> order = pm.steps().contains(ProgressModel.Step.DOWNLOAD)
                ? List.of(ProgressModel.Step.DOWNLOAD, ProgressModel.Step.BURN, ProgressModel.Step.VERIFY)
                : List.of(ProgressModel.Step.BACKUP, ProgressModel.Step.WRITE, ProgressModel.Step.VERIFY);
        StringBuilder sb = new StringBuilder();
        for (ProgressModel.Step st : order) {
            boolean current = pm.step().filter(x -> x == st).isPresent();
            boolean done = pm.steps().contains(st) && !current;
            sb.append(sb.isEmpty() ? "" : "  \u2192  ").append(done ? "\u2714 " : current ? "\u25B6 " : "\u25CB ").append(st.word());
        }
        return sb.toString();
    }

    private static String mark(Comparison.Mark m) {
        return switch (m) {
            case OK -> "\u2714";
            case WARN -> "!";
            case BAD -> "\u2718";
        };
    }

    private void gates(List<ImageFit.Gate> gates) {
        gateList.removeAll();
        for (ImageFit.Gate g : gates) {
            String id = "gate-" + g.name().replace(' ', '-');
            JPanel row = Ui.named(new JPanel(new BorderLayout(4, 2)), id, "Gate " + g.name());
            JLabel verdict = Ui.label("", id + "-verdict");
            Ui.text(verdict, (g.passed() ? "\u2714 " : "\u2718 ") + g.name() + ": " + (g.passed() ? "passed" : "refused")
                    + " \u2014 " + Texts.line(ChoiceWords.words(g.message())));
            if (!g.passed()) {
                verdict.setForeground(Ui.error());
            }
            row.add(verdict, BorderLayout.NORTH);
            g.override().filter(ChoiceWords::isOverride).ifPresent(c -> row.add(override(id, c), BorderLayout.CENTER));
            row.setAlignmentX(LEFT_ALIGNMENT);
            gateList.add(row);
        }
        // an override that is ticked stays visible (and can be cleared) after its gate passes
        for (Choice c : w.overrides()) {
            if (gates.stream().noneMatch(g -> g.override().filter(o -> o == c).isPresent())) {
                String id = "override-kept-" + c.word();
                JPanel row = Ui.named(new JPanel(new BorderLayout()), id, "Override " + ChoiceWords.label(c));
                row.add(override(id, c), BorderLayout.CENTER);
                row.setAlignmentX(LEFT_ALIGNMENT);
                gateList.add(row);
            }
        }
        gateList.revalidate();
        gateList.repaint();
    }

    private JPanel override(String id, Choice c) {
        JPanel p = Ui.named(new JPanel(new BorderLayout()), id + "-override-panel", "Override " + ChoiceWords.label(c));
        p.setBorder(BorderFactory.createEmptyBorder(0, 24, 6, 0));
        JCheckBox box = Ui.named(new JCheckBox(ChoiceWords.label(c), w.overrides().contains(c)), id + "-override",
                ChoiceWords.label(c));
        box.addActionListener(e -> SwingUtilities.invokeLater(() -> w.setOverride(c, box.isSelected())));
        p.add(box, BorderLayout.NORTH);
        p.add(Ui.prose(ChoiceWords.explanation(c), id + "-override-explanation"), BorderLayout.CENTER);
        return p;
    }
}
