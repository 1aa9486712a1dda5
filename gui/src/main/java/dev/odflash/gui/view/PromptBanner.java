package dev.odflash.gui.view;

import dev.odflash.gui.model.PromptModel;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.Timer;
import java.awt.BorderLayout;
import java.awt.FlowLayout;

/**
 * The engine's request to the user (switch the drive off and on for the vendor intro) above every screen, with
 * the engine's remaining wait counted down once a second and a Cancel that stops the waiting operation.
 */
final class PromptBanner extends JPanel {
    private final PromptModel model;
    private final JLabel heading = Ui.heading("", "prompt-heading");
    private final JTextArea detail = Ui.prose("", "prompt-detail");

    PromptBanner(PromptModel model) {
        super(new BorderLayout(8, 0));
        this.model = model;
        Ui.named(this, "prompt-banner", "Request from odflash");
        setBorder(BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(0, 6, 0, 0, Ui.warning()),
                BorderFactory.createEmptyBorder(6, 10, 6, 10)));
        JPanel text = Ui.named(new JPanel(new BorderLayout()), "prompt-text", "Request");
        text.add(heading, BorderLayout.NORTH);
        text.add(detail, BorderLayout.CENTER);
        add(text, BorderLayout.CENTER);
        JPanel actions = Ui.named(new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0)), "prompt-actions",
                "Request actions");
        JButton cancel = Ui.button("Cancel", "prompt-cancel", model::cancel);
        cancel.getAccessibleContext().setAccessibleDescription("Stops waiting for the drive; the operation ends");
        actions.add(cancel);
        add(actions, BorderLayout.EAST);
        model.changes().listen(this::refresh);
        new Timer(1000, e -> model.tick()).start(); // the countdown; tick drops the banner when the wait is over
        refresh();
    }

    private void refresh() {
        model.shown().ifPresentOrElse(p -> {
            Ui.text(heading, p.heading());
            detail.setText(p.detail(model.left()));
            setVisible(true);
        }, () -> setVisible(false));
        revalidate();
        repaint();
    }
}
