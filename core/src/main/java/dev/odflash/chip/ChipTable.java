package dev.odflash.chip;

import dev.odflash.transport.JedecId;

import dev.odflash.input.BoundedInput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The chip table: the built-in rows (resource {@code chips.json}) plus any a user adds with
 * {@code --chip-db FILE}. A user row with the same JEDEC IDs replaces the built-in one.
 */
public final class ChipTable {
    public static final String RESOURCE = "/dev/odflash/chip/chips.json";
    /** A --chip-db file is at most 4 MiB (the built-in table of every known part is under 100 KiB). */
    public static final long MAX_USER_FILE = 4L << 20;
    private static volatile ChipTable builtIn;

    private final List<ChipSpec> chips;

    public ChipTable(List<ChipSpec> chips) {
        this.chips = List.copyOf(chips);
    }

    public static ChipTable builtIn() {
        ChipTable t = builtIn;
        if (t == null) {
            try (InputStream in = ChipTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("chip table resource missing: " + RESOURCE);
                }
                t = new ChipTable(ChipTableFormat.readResource(in, "built-in chip table"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = t;
        }
        return t;
    }

    /** This table with the rows of a user's chip database added (same JEDEC IDs: the user's row wins). */
    public ChipTable withUserRows(Path file) throws IOException {
        List<ChipSpec> extra = ChipTableFormat.read(
                new ByteArrayInputStream(BoundedInput.read(file, MAX_USER_FILE, "{choice:CHIP_DB}")), file.toString());
        List<ChipSpec> merged = new ArrayList<>();
        for (ChipSpec x : extra) {
            for (ChipSpec c : chips) {
                if (!c.id().equals(x.id()) && (c.matchesName(x.name()) || x.aliases().stream().anyMatch(c::matchesName))) {
                    throw new IOException(file + ": chip " + x.name() + " (JEDEC " + x.id() + ") has the name of the built-in "
                            + c.name() + " (JEDEC " + c.id() + "); give it another name, or the built-in's IDs to replace it");
                }
            }
        }
        for (ChipSpec c : chips) {
            if (extra.stream().noneMatch(x -> x.id().equals(c.id()))) {
                merged.add(c);
            }
        }
        merged.addAll(extra);
        return new ChipTable(merged);
    }

    public List<ChipSpec> all() {
        return chips;
    }

    public Optional<ChipSpec> byId(JedecId id) {
        return chips.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The row for a part libflashrom probed, by its libflashrom name. */
    public Optional<ChipSpec> byFlashromName(String probedName) {
        return chips.stream().filter(c -> c.isFlashromPart(probedName)).findFirst();
    }

    public Optional<ChipSpec> byName(String name) {
        return chips.stream().filter(c -> c.matchesName(name)).findFirst();
    }

    /** Rows whose name, alias, vendor or IDs contain the filter (case-insensitive). */
    public List<ChipSpec> filter(String text) {
        if (text == null || text.isBlank()) {
            return chips;
        }
        String q = text.toLowerCase(Locale.ROOT);
        return chips.stream().filter(c -> (c.name() + " " + String.join(" ", c.aliases()) + " " + c.vendor()
                + " " + c.id() + " " + c.bus().word()).toLowerCase(Locale.ROOT).contains(q)).toList();
    }
}
