package dev.odflash.drive;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The write rules a drive-table row stands for, whatever family reaches the chip (issue 15 §1): its layout, the
 * boot region the drive keeps and the boot ID its boot loader carries; which per-unit data the layout holds is
 * the reaching family's to say (the external family: family.external.ClipUnitData). A user names a row
 * ({@code --model}) when the chip's contents no longer say which drive it is (a bricked chip on a clip, a dead
 * drive on a port path).
 */
public record DriveRules(DriveModel row, ImageLayout layout, int bootRegion, Optional<String> bootId) {
    public static DriveRules of(DriveModel row) {
        return new DriveRules(row, row.layout(), row.bootRegion(), row.bootId());
    }

    /**
     * The row a user's NAME names: "VENDOR PRODUCT" or the product alone, case and runs of spaces ignored; empty
     * when no row or more than one row answers (then {@link #candidates} lists them).
     */
    public static Optional<DriveRules> named(DriveTable table, String name) {
        List<DriveModel> rows = candidates(table, name);
        return rows.size() == 1 ? Optional.of(of(rows.getFirst())) : Optional.empty();
    }

    /** The rows NAME could mean (exact full name first: "ASUS BW-16D1HT" is one row even if a product repeats). */
    public static List<DriveModel> candidates(DriveTable table, String name) {
        String want = norm(name);
        List<DriveModel> full = table.all().stream().filter(r -> norm(r.displayName()).equals(want)).toList();
        if (!full.isEmpty()) {
            return full;
        }
        return table.all().stream().filter(r -> norm(r.product()).equals(want)).toList();
    }

    private static String norm(String s) {
        return s.strip().replaceAll(" +", " ").toUpperCase(Locale.ROOT);
    }
}
