package dev.odflash.gui.view;

import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import java.util.List;

/** A read-only table of text rows (chip panel, banks, comparisons, library entries). */
final class RowsTable extends JTable {
    private final DefaultTableModel model;

    RowsTable(String name, String accessible, String... columns) {
        model = new DefaultTableModel(columns, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        };
        setModel(model);
        Ui.named(this, name, accessible);
        getTableHeader().setName(name + "-header");
        getTableHeader().getAccessibleContext().setAccessibleName(accessible + " columns");
        setFillsViewportHeight(true);
        setRowHeight(Math.max(getRowHeight(), getFontMetrics(getFont()).getHeight() + 6));
    }

    void rows(List<String[]> rows) {
        model.setRowCount(0);
        rows.forEach(model::addRow);
    }
}
