package dev.odflash.gui.view;

import dev.odflash.gui.model.DriveCard;
import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.Outcome;
import dev.odflash.gui.model.Texts;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A card per drive, Refresh, and an empty state that leads to the diagnostics. Each card shows its own
 * drive's work (a backup started on the card, or the wizard's flash) with its own progress bar: several
 * drives can work at once.
 */
final class DrivesScreen extends JPanel {
    private final GuiModels models;
    private final Consumer<String> go;
    private final JPanel cards = Ui.named(new JPanel(), "drive-cards", "Drives");
    private final JLabel status = Ui.label(" ", "drives-status");
    private final OutcomePanel outcome;
    /** Per drive spec, the card's progress bar and line, updated on every progress event without a rebuild. */
    private final Map<String, Work> work = new HashMap<>();

    /**
     * The bar sits in a slot that keeps its height when the bar is hidden: a backup starting or ending on one
     * card must not move the cards below it, or a click aimed at the next card's button lands beside it.
     */
    private record Work(JPanel slot, JProgressBar bar, JLabel text) {
        void show(boolean working) {
            ((CardLayout) slot.getLayout()).show(slot, working ? BAR : IDLE);
        }
    }

    private static final String BAR = "bar";
    private static final String IDLE = "idle";

    /** @param go switches screens by name ("details", "flash", "backup", "diagnostics") */
    DrivesScreen(GuiModels models, Consumer<String> go) {
        super(new BorderLayout(8, 8));
        this.models = models;
        this.go = go;
        Ui.named(this, "drives-screen", "Drives");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel bar = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0)), "drives-toolbar", "Drives toolbar");
        bar.add(Ui.heading("Drives", "drives-heading"));
        bar.add(Ui.button("Refresh", "drives-refresh", () -> models.drives().refresh()));
        bar.add(status);
        add(bar, BorderLayout.NORTH);
        cards.setLayout(new BoxLayout(cards, BoxLayout.Y_AXIS));
        JPanel top = Ui.named(new JPanel(new BorderLayout()), "drive-cards-top", "Drive list");
        top.add(cards, BorderLayout.NORTH); // cards keep their height instead of sharing the screen's
        JScrollPane scroll = Ui.named(new JScrollPane(top), "drive-cards-scroll", "Drive list");
        scroll.setBorder(null);
        add(scroll, BorderLayout.CENTER);
        outcome = new OutcomePanel("drives-outcome", models); // the selected drive's report beside the log
        add(outcome, BorderLayout.SOUTH);
        models.drives().changes().listen(this::refresh);
        models.backup().changes().listen(this::progress);
        models.wizard().changes().listen(this::progress);
        refresh();
    }

    void refresh() {
        Ui.text(status, models.drives().busy() ? "Looking at the drives\u2026" : " ");
        outcome.show(models.drives().outcome());
        cards.removeAll();
        if (models.drives().cards().isEmpty() && !models.drives().busy()) {
            cards.add(Ui.label("No drives found. The diagnostics say what the system sees and what is missing.",
                    "drives-empty"));
            cards.add(Ui.button("Open the diagnostics", "drives-empty-diagnostics", () -> go.accept("diagnostics")));
        }
        work.clear();
        int i = 0;
        for (DriveCard c : models.drives().cards()) {
            cards.add(card(c, i++));
            cards.add(Box.createVerticalStrut(8));
        }
        progress();
        cards.revalidate();
        cards.repaint();
    }

    /** Each card's own drive: its backup's progress or the wizard's, else the last backup's outcome. */
    void progress() {
        var wizard = models.wizard();
        for (Map.Entry<String, Work> e : work.entrySet()) {
            String spec = e.getKey();
            boolean flashing = wizard.running() && wizard.frozen().map(f -> f.spec().equals(spec)).orElse(false);
            boolean backing = models.backup().busy(spec);
            var p = flashing ? wizard.progress() : models.backup().progress(spec);
            e.getValue().show(flashing || backing);
            e.getValue().bar().setValue(p.percent());
            String line = flashing ? "Flashing: " + p.text() : backing ? "Backing up: " + p.text()
                    : models.backup().outcome(spec).map(DrivesScreen::heading).orElse(" ");
            Ui.text(e.getValue().text(), line);
        }
    }

    private static String heading(Outcome o) {
        return switch (o) {
            case Outcome.Succeeded s -> s.heading();
            case Outcome.Failed f -> f.heading() + ": " + Texts.line(f.detail());
            case Outcome.WorkerDied w -> w.heading();
        };
    }

    private JPanel card(DriveCard c, int i) {
        String id = "drive-card-" + i;
        JPanel p = Ui.named(new JPanel(new BorderLayout(8, 4)), id, "Drive " + c.title());
        p.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(
                javax.swing.UIManager.getColor("Component.borderColor")), BorderFactory.createEmptyBorder(8, 10, 8, 10)));
        p.add(Ui.heading(c.title(), id + "-title"), BorderLayout.NORTH);
        JPanel facts = Ui.named(new JPanel(new GridLayout(0, 2, 12, 2)), id + "-facts", "Drive facts");
        fact(facts, id, "family", "Family", c.family());
        fact(facts, id, "transport", "Transport", Texts.line(c.entry().transport()));
        fact(facts, id, "busy", "In use", c.busy() ? "yes, by another program" : "no");
        fact(facts, id, "backups", "Backups in the library", String.valueOf(c.backups()));
        fact(facts, id, "badge", "Firmware", c.badge());
        c.problem().ifPresent(pr -> fact(facts, id, "problem", "Problem", Texts.line(pr)));
        p.add(facts, BorderLayout.CENTER);
        JPanel actions = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), id + "-actions", "Drive actions");
        JButton details = Ui.button("Details", id + "-details", () -> open(c, "details"));
        JButton backup = Ui.button("Back up", id + "-backup", () -> open(c, "backup"));
        JButton now = Ui.button("Back up here", id + "-backup-now", () -> models.backup().backUp(c.entry().spec()));
        JButton flash = Ui.button("Flash\u2026", id + "-flash", () -> open(c, "flash"));
        boolean usable = c.info().isPresent();
        details.setEnabled(usable);
        backup.setEnabled(usable);
        now.setEnabled(usable);
        flash.setEnabled(usable && c.info().get().family().isPresent());
        actions.add(details);
        actions.add(backup);
        actions.add(now);
        actions.add(flash);
        JProgressBar bar = Ui.named(new JProgressBar(0, 100), id + "-progress-bar", "Progress of " + c.title());
        JLabel line = Ui.label(" ", id + "-progress");
        JPanel slot = Ui.named(new JPanel(new CardLayout()), id + "-progress-slot", "Progress of " + c.title());
        slot.add(bar, BAR);
        slot.add(Ui.named(new JPanel(), id + "-progress-idle", "No work running on " + c.title()), IDLE); // CardLayout keeps the bar's height
        work.put(c.entry().spec(), new Work(slot, bar, line));
        JPanel south = Ui.named(new JPanel(new BorderLayout(4, 2)), id + "-work", "Drive work");
        south.add(actions, BorderLayout.NORTH);
        south.add(slot, BorderLayout.CENTER);
        south.add(line, BorderLayout.SOUTH);
        p.add(south, BorderLayout.SOUTH);
        p.setAlignmentX(LEFT_ALIGNMENT);
        return p;
    }

    private static void fact(JPanel facts, String id, String key, String name, String value) {
        facts.add(Ui.label(name, id + "-" + key + "-name"));
        JLabel v = Ui.label(value, id + "-" + key);
        Ui.text(v, value);
        facts.add(v);
    }

    private void open(DriveCard c, String screen) {
        models.drives().select(c.entry().spec());
        go.accept(screen);
    }
}
