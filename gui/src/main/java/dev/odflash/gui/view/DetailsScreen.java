package dev.odflash.gui.view;

import dev.odflash.gui.model.DriveCard;
import dev.odflash.gui.model.DriveDetails;
import dev.odflash.gui.model.GuiModels;

import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.util.Optional;

/** The chip panel and "is my firmware intact?" bank by bank, copied as text or JSON. */
final class DetailsScreen extends JPanel {
    private final GuiModels models;
    private final JLabel title = Ui.heading("Drive details", "details-heading");
    private final JLabel verdict = Ui.label(" ", "details-verdict");
    private final RowsTable chip = new RowsTable("details-chip", "Chip", "Property", "Value");
    private final RowsTable banks = new RowsTable("details-banks", "Banks", "Bank", "Holds");
    private final JLabel copied = Ui.label(" ", "details-copied");

    DetailsScreen(GuiModels models) {
        super(new BorderLayout(8, 8));
        this.models = models;
        Ui.named(this, "details-screen", "Drive details");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel top = Ui.named(new JPanel(new GridLayout(0, 1, 0, 4)), "details-top", "Drive details summary");
        top.add(title);
        top.add(verdict);
        add(top, BorderLayout.NORTH);
        JPanel tables = Ui.named(new JPanel(new GridLayout(1, 2, 12, 0)), "details-tables", "Chip and banks");
        tables.add(Ui.named(new JScrollPane(chip), "details-chip-scroll", "Chip panel"));
        tables.add(Ui.named(new JScrollPane(banks), "details-banks-scroll", "Banks"));
        add(tables, BorderLayout.CENTER);
        JPanel actions = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "details-actions", "Copy");
        actions.add(Ui.button("Copy as text", "details-copy-text", () -> copy(false)));
        actions.add(Ui.button("Copy as JSON", "details-copy-json", () -> copy(true)));
        actions.add(copied);
        add(actions, BorderLayout.SOUTH);
        models.drives().changes().listen(this::refresh);
        refresh();
    }

    private Optional<DriveCard> card() {
        return models.drives().selected().filter(c -> c.info().isPresent());
    }

    void refresh() {
        Optional<DriveCard> c = card();
        Ui.text(title, c.map(x -> "Drive details: " + x.title()).orElse("Drive details: no drive selected"));
        Ui.text(verdict, c.flatMap(DriveCard::status).map(s -> "Is my firmware intact? " + DriveDetails.verdict(s))
                .orElse(c.isPresent() ? "Is my firmware intact? This drive's flash cannot be read, so it was not checked." : " "));
        chip.rows(c.map(x -> DriveDetails.chip(x.info().get()).stream().map(r -> new String[]{r.name(), r.value()}).toList())
                .orElse(java.util.List.of()));
        banks.rows(c.flatMap(DriveCard::status).map(s -> DriveDetails.banks(s).stream()
                .map(r -> new String[]{r.name(), r.value()}).toList()).orElse(java.util.List.of()));
    }

    private void copy(boolean json) {
        card().ifPresent(c -> {
            String text = json ? DriveDetails.json(c.info().get(), c.status()) : DriveDetails.text(c.info().get(), c.status());
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(text), null);
            Ui.text(copied, json ? "  Copied as JSON" : "  Copied as text");
        });
    }
}
