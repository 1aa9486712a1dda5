package dev.odflash.gui.view;

import dev.odflash.gui.Screen;
import dev.odflash.gui.model.GuiModels;
import dev.odflash.gui.model.SettingsStore;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.WindowConstants;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.Taskbar;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The window's content: a navigation column, the screens, and banners above them: the persistent
 * "do not power off" banner while a flash writes or a backup reads (its line stays, blank, when quiet, so work
 * starting or ending never moves the screens), the engine's request to power-cycle the drive
 * (PromptBanner), and the resume banner for interrupted flashes.
 * The content is a plain panel, so a screenshot paints it without a window.
 */
public final class MainWindow {
    private static final Map<Screen, String> TITLES = Map.ofEntries(Map.entry(Screen.DRIVES, "Drives"),
            Map.entry(Screen.DETAILS, "Drive details"), Map.entry(Screen.FLASH, "Flash"),
            Map.entry(Screen.PROGRESS, "Flash"), Map.entry(Screen.RESULT, "Flash"), Map.entry(Screen.BACKUP, "Backup"),
            Map.entry(Screen.LIBRARY, "Library"), Map.entry(Screen.FILE, "Firmware file"),
            Map.entry(Screen.DIAGNOSTICS, "Diagnostics"), Map.entry(Screen.SETTINGS, "Settings"),
            Map.entry(Screen.RECOVERY, "Recovery"));
    private static final Screen[] NAV = {Screen.DRIVES, Screen.DETAILS, Screen.FLASH, Screen.BACKUP, Screen.LIBRARY,
        Screen.FILE, Screen.DIAGNOSTICS, Screen.RECOVERY, Screen.SETTINGS};

    private final GuiModels models;
    private final JPanel root = Ui.named(new JPanel(new BorderLayout()), "odflash-window", "odflash");
    private final CardLayout cards = new CardLayout();
    private final JPanel deck = Ui.named(new JPanel(cards), "screens", "Screens");
    private final Map<Screen, JToggleButton> nav = new EnumMap<>(Screen.class);
    private final JLabel powerBanner = Ui.label("", "power-banner");
    private final JLabel closeNote = Ui.label(" ", "close-blocked");
    private JFrame frame;
    private static final String WRITING =
            "Do not power off or unplug the drive, and do not close odflash: the drive is being written.";
    private static final String READING =
            "Do not power off or unplug the drive, and do not close odflash: a backup is reading it.";

    public MainWindow(GuiModels models, SettingsStore settings, Map<String, String> env) {
        this.models = models;
        root.setPreferredSize(new Dimension(1040, 680));
        JPanel north = Ui.named(new JPanel(), "banners", "Banners");
        north.setLayout(new BoxLayout(north, BoxLayout.Y_AXIS));
        Ui.text(powerBanner, WRITING);
        powerBanner.setBackground(Ui.error());
        powerBanner.setForeground(java.awt.Color.WHITE);
        powerBanner.setBorder(BorderFactory.createEmptyBorder(8, 12, 8, 12));
        powerBanner.setFont(powerBanner.getFont().deriveFont(java.awt.Font.BOLD));
        powerBanner.setAlignmentX(0);
        powerBanner.setMaximumSize(new Dimension(Integer.MAX_VALUE, powerBanner.getPreferredSize().height));
        closeNote.setAlignmentX(0);
        closeNote.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 12));
        north.add(powerBanner);
        north.add(closeNote);
        PromptBanner prompt = new PromptBanner(models.prompts());
        prompt.setAlignmentX(0);
        north.add(prompt);
        ResumeBanner resume = new ResumeBanner(models, this::show);
        resume.setAlignmentX(0);
        north.add(resume);
        root.add(north, BorderLayout.NORTH);

        JPanel side = Ui.named(new JPanel(), "navigation", "Navigation");
        side.setLayout(new BoxLayout(side, BoxLayout.Y_AXIS));
        side.setBorder(BorderFactory.createEmptyBorder(12, 8, 12, 0));
        ButtonGroup group = new ButtonGroup();
        for (Screen s : NAV) {
            JToggleButton b = Ui.named(new JToggleButton(TITLES.get(s)), "nav-" + s.word(), TITLES.get(s));
            b.setMaximumSize(new Dimension(Integer.MAX_VALUE, b.getPreferredSize().height));
            b.addActionListener(e -> show(s));
            group.add(b);
            side.add(b);
            nav.put(s, b);
        }
        root.add(side, BorderLayout.WEST);

        deck.add(new DrivesScreen(models, this::show), Screen.DRIVES.name());
        deck.add(new DetailsScreen(models), Screen.DETAILS.name());
        deck.add(new FlashScreen(models, this::show), Screen.FLASH.name());
        deck.add(new BackupScreen(models), Screen.BACKUP.name());
        deck.add(new LibraryScreen(models, this::show), Screen.LIBRARY.name());
        deck.add(new FileScreen(models), Screen.FILE.name());
        deck.add(new DiagnosticsScreen(models), Screen.DIAGNOSTICS.name());
        deck.add(new RecoveryScreen(models.recovery()), Screen.RECOVERY.name());
        deck.add(new SettingsScreen(models, settings, env), Screen.SETTINGS.name());
        root.add(deck, BorderLayout.CENTER);
        models.wizard().changes().listen(this::guard);
        models.backup().changes().listen(this::guard);
        models.prompts().changes().listen(this::guard); // the prompt hides the power banner (GuiModels.powerWarning)
        guard();
        show(Screen.DRIVES);
    }

    /** The content panel (what a screenshot paints). */
    public JPanel content() {
        return root;
    }

    /** Shows a screen by its word ("drives", "flash"...). */
    void show(String word) {
        Screen.ofWord(word).ifPresent(this::show);
    }

    public void show(Screen s) {
        Screen card = s == Screen.PROGRESS || s == Screen.RESULT ? Screen.FLASH : s;
        cards.show(deck, card.name());
        JToggleButton b = nav.get(card);
        if (b != null && !b.isSelected()) {
            b.setSelected(true);
        }
        if (s == Screen.LIBRARY) {
            models.library().refresh();
        }
    }

    private void guard() {
        boolean blocked = models.closeBlocked();
        // the banner keeps its line when quiet: it coming and going would move every screen under the pointer
        boolean warn = models.powerWarning();
        powerBanner.setOpaque(warn);
        Ui.text(powerBanner, !warn ? " "
                : models.wizard().running() && models.wizard().progress().writeBegun() ? WRITING : READING);
        if (!blocked) {
            Ui.text(closeNote, " ");
        }
        if (frame != null && Taskbar.isTaskbarSupported()
                && Taskbar.getTaskbar().isSupported(Taskbar.Feature.PROGRESS_VALUE_WINDOW)) {
            Taskbar.getTaskbar().setWindowProgressValue(frame, blocked ? models.wizard().progress().percent() : -1);
        }
        root.revalidate();
    }

    /** The application window: closing it is refused while a flash or backup runs. */
    public JFrame frame(Runnable onClosed) {
        WindowClass.apply(); // before the frame's peer exists: X11 reads the class when the window is made
        frame = new JFrame("odflash");
        frame.setName("odflash-frame");
        frame.getAccessibleContext().setAccessibleName("odflash");
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.setContentPane(root);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                if (models.closeBlocked()) {
                    Ui.text(closeNote, "odflash cannot close while the drive is being written; it closes when the"
                            + " flash has ended.");
                    return;
                }
                frame.dispose();
                onClosed.run();
            }
        });
        frame.pack();
        frame.setLocationRelativeTo(null);
        return frame;
    }

    static String title(Screen s) {
        return TITLES.get(s).toLowerCase(Locale.ROOT);
    }
}
