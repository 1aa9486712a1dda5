package dev.odflash.gui.view;

import dev.odflash.gui.model.RecoveryCommands;
import dev.odflash.gui.model.RecoveryModel;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.util.List;

/**
 * Recovery, behind a warning: the port path (IDE channels, port access) and external programmers (the clip steps,
 * libflashrom present or not), both from the doctor's checks (RecoveryModel). What needs root is never run here:
 * its command is shown in a read-only field to copy into a terminal (RecoveryCommands).
 */
final class RecoveryScreen extends JPanel {
    private final RecoveryModel model;
    private final CardLayout cards = new CardLayout();
    private final JPanel deck = Ui.named(new JPanel(cards), "recovery-deck", "Recovery");
    private final JTextArea port = Ui.prose(" ", "recovery-port-found");
    private final JTextArea clip = Ui.prose(" ", "recovery-clip-found");
    private final JLabel state = Ui.label(" ", "recovery-state");

    RecoveryScreen(RecoveryModel model) {
        super(new BorderLayout(8, 8));
        this.model = model;
        Ui.named(this, "recovery-screen", "Recovery");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        add(Ui.heading("Recovery", "recovery-heading"), BorderLayout.NORTH);

        JPanel warning = Ui.named(new JPanel(new BorderLayout(6, 6)), "recovery-warning", "Recovery warning");
        JTextArea words = Ui.prose(RecoveryModel.warning(), "recovery-warning-text");
        words.setForeground(Ui.error());
        warning.add(words, BorderLayout.NORTH);
        JPanel go = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0)), "recovery-warning-buttons", "Recovery warning buttons");
        go.add(Ui.button("I understand: show the recovery paths", "recovery-continue", () -> cards.show(deck, "paths")));
        warning.add(go, BorderLayout.CENTER);
        deck.add(warning, "warning");
        deck.add(Ui.named(new JScrollPane(paths()), "recovery-scroll", "Recovery paths"), "paths");
        add(deck, BorderLayout.CENTER);
        model.doctor().changes().listen(() -> SwingUtilities.invokeLater(this::refresh));
        refresh();
    }

    private JPanel paths() {
        JPanel p = Ui.named(new JPanel(), "recovery-paths", "Recovery paths");
        p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
        JPanel bar = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "recovery-toolbar", "Recovery toolbar");
        bar.add(Ui.button("Check this computer and its drives", "recovery-run-checks", model.doctor()::run));
        bar.add(state);
        add(p, bar);

        add(p, Ui.heading("The port path: a dead drive on an IDE channel", "recovery-port-heading"));
        add(p, port);
        JTextArea root = Ui.prose(RecoveryModel.needsRoot(), "recovery-port-root");
        root.setFont(root.getFont().deriveFont(Font.BOLD));
        root.setForeground(Ui.error());
        add(p, root);
        commands(p, "port", RecoveryCommands.port());

        add(p, Ui.heading("An external programmer: the chip read and written through a clip", "recovery-clip-heading"));
        add(p, clip);
        List<String> steps = RecoveryModel.clipSteps();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i + 1).append(". ").append(steps.get(i)).append(i + 1 < steps.size() ? "\n" : "");
        }
        add(p, Ui.prose(sb.toString(), "recovery-clip-steps"));
        add(p, Ui.prose("These run in a terminal: odflash does not drive a programmer from the window. Copy each"
                + " command from its box (a CH341A on USB; with a Raspberry Pi's SPI bus the device is"
                + " flashrom:linux_spi:dev=/dev/spidev0.0).", "recovery-clip-terminal"));
        commands(p, "clip", RecoveryCommands.clip());
        return p;
    }

    /** Each command as a label saying why and a read-only, selectable field holding the exact line to copy. */
    private static void commands(JPanel p, String prefix, List<RecoveryCommands.Command> list) {
        for (int i = 0; i < list.size(); i++) {
            RecoveryCommands.Command c = list.get(i);
            add(p, Ui.label(c.why() + ":", "recovery-" + prefix + "-why-" + i));
            JTextField line = Ui.named(new JTextField(c.line()), "recovery-" + prefix + "-command-" + i,
                    "Command to copy: " + c.why());
            line.setEditable(false);
            line.setFont(new Font(Font.MONOSPACED, Font.PLAIN, line.getFont().getSize()));
            line.setMaximumSize(new Dimension(Integer.MAX_VALUE, line.getPreferredSize().height));
            add(p, line);
        }
    }

    private static void add(JPanel p, JComponent c) {
        c.setAlignmentX(0);
        if (c instanceof JLabel l && l.getName() != null && l.getName().endsWith("-heading")) {
            l.setBorder(BorderFactory.createEmptyBorder(12, 0, 4, 0)); // a section starts with some air
        }
        p.add(c);
    }

    void refresh() {
        RecoveryModel.PortPath pp = model.portPath();
        StringBuilder sb = new StringBuilder();
        if (model.doctor().ran()) {
            sb.append(pp.channels().isEmpty() ? "IDE channels: none found (AHCI, USB and SCSI drives have no port path)"
                    : "IDE channels:\n  " + String.join("\n  ", pp.channels())).append('\n');
        }
        sb.append("Port access: ").append(pp.access());
        port.setText(sb.toString());
        RecoveryModel.Programmer pr = model.programmer();
        clip.setText("libflashrom: " + pr.libraryLoads().map(b -> b ? "present. " : "not present. ").orElse("")
                + pr.detail());
        Ui.text(state, model.doctor().busy() ? "Checking\u2026" : model.doctor().failedWords()
                .map(f -> "The checks did not finish: " + f).orElse(" "));
    }
}
