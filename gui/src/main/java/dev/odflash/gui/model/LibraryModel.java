package dev.odflash.gui.model;

import dev.odflash.bytes.Sha256;
import dev.odflash.gui.GuiHost;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.status.LibraryContents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Library screen: every backup of every drive (date, version, hash, verified state, re-checked against
 * its sidecar), exported by copy to a new file, and two compared region by region.
 */
public final class LibraryModel {
    /** One difference between two images: {@code length} bytes from {@code offset}. */
    public record Difference(long offset, long length) {
    }

    private final GuiHost host;
    private final Threads threads;
    private final OperationLog log;
    private final Changes changes = new Changes();
    private List<LibraryContents.Item> items = List.of();
    private Optional<String> comparison = Optional.empty();
    private Optional<Outcome> outcome = Optional.empty();

    public LibraryModel(GuiHost host, Threads threads, OperationLog log) {
        this.host = host;
        this.threads = threads;
        this.log = log;
    }

    public Changes changes() {
        return changes;
    }

    public void refresh() {
        Jobs.run(threads, log, "library", () -> LibraryContents.of(host.library(), Optional.empty(), true), c -> {
            items = c.items();
            changes.fire();
        }, end -> {
            outcome = Optional.of(Outcome.of("library", end));
            changes.fire();
        });
    }

    public List<LibraryContents.Item> items() {
        return items;
    }

    /** Copies a backup to a new file (never over an existing one) and checks the copy's hash. */
    public void export(LibraryContents.Item item, Path to) {
        Jobs.run(threads, log, "export", () -> {
            try {
                Files.copy(item.entry().file(), to);
                String sha = Sha256.hex(BoundedInput.read(to, Files.size(item.entry().file()), "the exported copy"));
                if (!sha.equals(item.entry().sha256())) {
                    Files.delete(to);
                    throw OdflashException.mismatch("the copy's sha256 " + sha + " is not the backup's " + item.entry().sha256());
                }
                return to;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw OdflashException.refused(dev.odflash.ops.Gate.OUTPUT_EXISTS, to + " exists; odflash never overwrites a file");
            } catch (InputFileException e) {
                throw InputErrors.of(e);
            } catch (IOException e) {
                throw OdflashException.usage("cannot export to " + to + ": " + e.getMessage());
            }
        }, p -> {
            outcome = Optional.of(new Outcome.Succeeded("export", "Exported", Texts.line(p.toString())));
            changes.fire();
        }, end -> {
            outcome = Optional.of(Outcome.of("export", end));
            changes.fire();
        });
    }

    /** Compares two backups region by region (64 KiB banks): which banks differ and how many bytes. */
    public void compare(LibraryContents.Item a, LibraryContents.Item b) {
        Jobs.run(threads, log, "compare", () -> {
            try {
                byte[] x = BoundedInput.read(a.entry().file(), 16L << 20, "backup A");
                byte[] y = BoundedInput.read(b.entry().file(), 16L << 20, "backup B");
                return describe(differences(x, y), x.length, y.length);
            } catch (InputFileException e) {
                throw InputErrors.of(e);
            }
        }, text -> {
            comparison = Optional.of(text);
            changes.fire();
        }, end -> {
            outcome = Optional.of(Outcome.of("compare", end));
            changes.fire();
        });
    }

    /** The 64 KiB banks in which two images differ (the shorter image's end counts as a difference). */
    public static List<Difference> differences(byte[] x, byte[] y) {
        int bank = 0x10000;
        int n = Math.max(x.length, y.length);
        List<Difference> out = new java.util.ArrayList<>();
        for (int off = 0; off < n; off += bank) {
            int end = Math.min(n, off + bank);
            boolean same = end <= x.length && end <= y.length
                    && java.util.Arrays.equals(x, off, end, y, off, end);
            if (!same) {
                out.add(new Difference(off, end - off));
            }
        }
        return out;
    }

    static String describe(List<Difference> d, int sizeA, int sizeB) {
        if (d.isEmpty()) {
            return "The two images are identical (" + Sizes.human(sizeA) + ").";
        }
        StringBuilder sb = new StringBuilder(d.size() + " of " + ((Math.max(sizeA, sizeB) + 0xFFFF) / 0x10000)
                + " banks differ:\n");
        d.forEach(x -> sb.append(String.format("  0x%06X-0x%06X%n", x.offset(), x.offset() + x.length() - 1)));
        return sb.toString();
    }

    public Optional<String> comparison() {
        return comparison;
    }

    public Optional<Outcome> outcome() {
        return outcome;
    }
}
