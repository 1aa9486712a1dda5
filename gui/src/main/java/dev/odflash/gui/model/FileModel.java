package dev.odflash.gui.model;

import dev.odflash.bytes.Sha256;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageReport;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.InputErrors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Firmware file screen, without a drive: a .bin identified by the same checks flash applies (family
 * layout, version, model strings, integrity). Updater .exe extraction is not offered here yet.
 */
public final class FileModel {
    /** At most the largest flash odflash knows (16 MiB). */
    static final long BOUND = 16L << 20;

    private final Threads threads;
    private final OperationLog log;
    private final Changes changes = new Changes();
    private Optional<Path> path = Optional.empty();
    private Optional<ImageReport> report = Optional.empty();
    private Optional<Outcome> outcome = Optional.empty();

    public FileModel(Threads threads, OperationLog log) {
        this.threads = threads;
        this.log = log;
    }

    public Changes changes() {
        return changes;
    }

    public void open(Path file) {
        Jobs.run(threads, log, "file", () -> {
            try {
                byte[] bytes = BoundedInput.read(file, BOUND, "the firmware file");
                return ImageIdentifier.identify(bytes).withSha256(Sha256.hex(bytes));
            } catch (InputFileException e) {
                throw InputErrors.of(e);
            }
        }, r -> {
            path = Optional.of(file);
            report = Optional.of(r);
            outcome = Optional.empty();
            changes.fire();
        }, end -> {
            outcome = Optional.of(Outcome.of("file", end));
            changes.fire();
        });
    }

    public Optional<ImageReport> report() {
        return report;
    }

    public Optional<Path> path() {
        return path;
    }

    public Optional<Outcome> outcome() {
        return outcome;
    }

    /** The report as rows for the screen. */
    public List<DriveDetails.Row> rows() {
        List<DriveDetails.Row> rows = new ArrayList<>();
        report.ifPresent(r -> {
            rows.add(new DriveDetails.Row("Family layout", r.layout().map(l -> l.word()).orElse("not recognised")));
            rows.add(new DriveDetails.Row("Model", r.identity().map(i -> Texts.line(i.vendor() + " " + i.product())).orElse("-")));
            rows.add(new DriveDetails.Row("Version", r.identity().map(i -> Texts.line(i.revision())).orElse("-")));
            rows.add(new DriveDetails.Row("Size", Sizes.human(r.size())));
            rows.add(new DriveDetails.Row("Integrity", r.flashable() ? "every structure check passed" : "fails: "
                    + String.join("; ", r.failures().stream().map(ImageCheck::name).toList())));
            rows.add(new DriveDetails.Row("sha256", r.sha256()));
        });
        return rows;
    }
}
