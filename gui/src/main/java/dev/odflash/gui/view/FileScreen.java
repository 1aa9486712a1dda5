package dev.odflash.gui.view;

import dev.odflash.gui.model.FileModel;
import dev.odflash.gui.model.GuiModels;

import javax.swing.BorderFactory;
import javax.swing.JFileChooser;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.TransferHandler;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.datatransfer.DataFlavor;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A firmware file without a drive: what it is, by the checks flash applies; for an updater the extraction
 * candidates scored, one picked; and a second file compared with it bank by bank. A file dropped on the
 * screen is opened.
 */
final class FileScreen extends JPanel {
    private final FileModel f;
    private final JTextField path = Ui.named(new JTextField(36), "file-path", "Firmware file path");
    private final JTextField other = Ui.named(new JTextField(36), "file-compare-path", "File to compare with");
    private final RowsTable table = new RowsTable("file-report", "Firmware file", "Property", "Value");
    private final RowsTable candidates = new RowsTable("file-candidates", "Extraction candidates, best first",
            "Score", "Found in", "Size", "What it is", "Why");
    private final JTextArea comparison = Ui.prose(" ", "file-comparison");
    private final OutcomePanel outcome;
    private boolean filling;

    FileScreen(GuiModels models) {
        super(new BorderLayout(8, 8));
        this.f = models.file();
        Ui.named(this, "file-screen", "Firmware file");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JPanel north = Ui.named(new JPanel(new BorderLayout()), "file-bars", "Firmware file actions");
        JPanel top = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "file-toolbar", "Firmware file toolbar");
        top.add(Ui.heading("Firmware file", "file-heading"));
        top.add(path);
        top.add(Ui.button("Open", "file-open", () -> typed(path, f::open)));
        top.add(Ui.button("Browse\u2026", "file-browse", () -> browse(path, f::open)));
        JPanel second = Ui.named(new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0)), "file-compare-bar", "Compare two files");
        second.add(Ui.label("Compare with", "file-compare-label"));
        second.add(other);
        second.add(Ui.button("Compare", "file-compare", () -> typed(other, f::compare)));
        second.add(Ui.button("Browse\u2026", "file-compare-browse", () -> browse(other, f::compare)));
        north.add(top, BorderLayout.NORTH);
        north.add(second, BorderLayout.SOUTH);
        add(north, BorderLayout.NORTH);
        candidates.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        candidates.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting() && !filling && candidates.getSelectedRow() >= 0) {
                f.pick(candidates.getSelectedRow());
            }
        });
        JPanel lower = Ui.named(new JPanel(new BorderLayout(4, 4)), "file-lower", "Candidates and comparison");
        lower.add(Ui.named(new JScrollPane(candidates), "file-candidates-scroll", "Extraction candidates"), BorderLayout.CENTER);
        comparison.setRows(5); // its own height: a wrapped area in a scroll pane at SOUTH would get none
        lower.add(Ui.named(new JScrollPane(comparison), "file-comparison-scroll", "Comparison"), BorderLayout.NORTH);
        JSplitPane split = Ui.named(new JSplitPane(JSplitPane.VERTICAL_SPLIT,
                Ui.named(new JScrollPane(table), "file-scroll", "Firmware file report"), lower), "file-split",
                "Report and candidates");
        split.setResizeWeight(0.5);
        add(split, BorderLayout.CENTER);
        outcome = new OutcomePanel("file-outcome", models.log());
        add(outcome, BorderLayout.SOUTH);
        setTransferHandler(new Drop(file -> {
            path.setText(file.toString());
            f.open(file);
        }));
        f.changes().listen(this::refresh);
        refresh();
    }

    private static void typed(JTextField field, Consumer<Path> action) {
        if (!field.getText().isBlank()) {
            action.accept(Path.of(field.getText().strip()));
        }
    }

    private void browse(JTextField field, Consumer<Path> action) {
        JFileChooser chooser = Ui.named(new JFileChooser(), "file-chooser", "Open a firmware file");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            field.setText(chooser.getSelectedFile().getPath());
            action.accept(chooser.getSelectedFile().toPath());
        }
    }

    void refresh() {
        table.rows(f.rows().stream().map(r -> new String[]{r.name(), r.value()}).toList());
        filling = true;
        candidates.rows(f.candidates().stream().map(c -> new String[]{String.valueOf(c.score()), c.origin(), c.size(),
                c.what(), c.why()}).toList());
        if (f.picked() >= 0 && f.picked() < candidates.getRowCount()) {
            candidates.setRowSelectionInterval(f.picked(), f.picked());
        }
        filling = false;
        comparison.setText(f.comparison().orElse(f.candidates().isEmpty() ? "Open an updater to see what it holds;"
                + " open a second file above to compare it bank by bank." : "Pick a candidate to see its report."));
        comparison.setCaretPosition(0); // the summary line first, not the last bank
        outcome.show(f.outcome());
    }

    /** A file dropped from a file manager: the first one is opened. */
    private static final class Drop extends TransferHandler {
        private final Consumer<Path> open;

        Drop(Consumer<Path> open) {
            this.open = open;
        }

        @Override
        public boolean canImport(TransferSupport s) {
            return s.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
        }

        @Override
        public boolean importData(TransferSupport s) {
            try {
                List<?> files = (List<?>) s.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
                if (!files.isEmpty() && files.getFirst() instanceof File file) {
                    open.accept(file.toPath());
                    return true;
                }
            } catch (java.awt.datatransfer.UnsupportedFlavorException | java.io.IOException e) {
                return false;
            }
            return false;
        }
    }
}
