package dev.odflash.gui.model;

import dev.odflash.bytes.Sha256;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageFormatException;
import dev.odflash.image.ImageReport;
import dev.odflash.image.extract.Candidate;
import dev.odflash.image.extract.Extraction;
import dev.odflash.image.extract.Extractor;
import dev.odflash.image.extract.PeFile;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.Gate;
import dev.odflash.ops.InputErrors;
import dev.odflash.ops.OdflashException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Firmware file screen, without a drive: a .bin or .hex identified by the same checks flash applies
 * (family layout, version, model strings, integrity), or a vendor updater .exe whose extraction candidates
 * (the engine's {@link Extractor}, the one the {@code extract} command runs) are listed scored, best first,
 * one of them picked; and a second file compared with it region by region (64 KiB banks, the Library
 * screen's comparison).
 */
public final class FileModel {
    /** At most the largest flash odflash knows (16 MiB); Intel-HEX text spends about 3 bytes per image byte. */
    static final long BOUND = 16L << 20;
    static final long HEX_BOUND = 3 * BOUND;
    /** Updaters are a few MiB; the bound the {@code extract} command reads with (cli ExtractCommand.MAX_EXE). */
    static final long EXE_BOUND = 256L << 20;
    /** A Windows program's DOS header and PE signature lie in its first 4 KiB. */
    private static final int HEAD = 4096;

    /** One candidate as the screen lists it. */
    public record CandidateRow(int score, String origin, String size, String what, String why) {
    }

    /** What a file held once read: the image's bytes and report, and the candidates when it was an updater. */
    private record Opened(Path file, Optional<byte[]> image, Optional<ImageReport> report, String form,
                          List<Candidate> candidates, List<String> findings) {
    }

    private final Threads threads;
    private final OperationLog log;
    private final Changes changes = new Changes();
    private Optional<Opened> opened = Optional.empty();
    private int picked = -1;
    private Optional<String> comparison = Optional.empty();
    private Optional<Outcome> outcome = Optional.empty();

    public FileModel(Threads threads, OperationLog log) {
        this.threads = threads;
        this.log = log;
    }

    public Changes changes() {
        return changes;
    }

    public void open(Path file) {
        Jobs.run(threads, log, "file", () -> read(file), o -> {
            opened = Optional.of(o);
            picked = o.candidates().isEmpty() ? -1 : 0;
            comparison = Optional.empty();
            outcome = Optional.empty();
            if (o.image().isEmpty() && o.candidates().isEmpty()) {
                outcome = Optional.of(new Outcome.Failed("file", OdflashException.refused(Gate.IMAGE_FILE,
                        "no firmware image found in this updater" + notes(o)).failure(), Optional.empty()));
            }
            changes.fire();
        }, end -> {
            outcome = Optional.of(Outcome.of("file", end));
            changes.fire();
        });
    }

    private static String notes(Opened o) {
        return o.findings().isEmpty() ? "." : ": " + Texts.line(String.join("; ", o.findings())) + ".";
    }

    /** A file as the screen shows it: a Windows program is extracted, anything else loaded as .bin or .hex. */
    static Opened read(Path file) throws OdflashException {
        try {
            if (PeFile.isWindowsProgram(BoundedInput.head(file, HEAD, "the firmware file"))) {
                Extraction x = Extractor.extract(BoundedInput.read(file, EXE_BOUND, "the updater"));
                List<String> findings = new ArrayList<>(x.findings());
                if (x.upx()) {
                    findings.add("the updater is packed with UPX and must be unpacked first (upx -d, https://upx.github.io)");
                }
                return new Opened(file, Optional.empty(), Optional.empty(), "Windows updater", x.candidates(), findings);
            }
            FirmwareFiles.Loaded loaded = FirmwareFiles.load(BoundedInput.read(file, HEX_BOUND, "the firmware file"));
            if (loaded.image().length > BOUND) {
                throw OdflashException.refused(Gate.IMAGE_FILE, file.getFileName() + " holds "
                        + Sizes.human(loaded.image().length) + ", more than any flash odflash knows (16 MiB)");
            }
            ImageReport r = ImageIdentifier.identify(loaded.image()).withSha256(Sha256.hex(loaded.image()));
            return new Opened(file, Optional.of(loaded.image()), Optional.of(r), loaded.form().text(), List.of(),
                    loaded.warnings());
        } catch (InputFileException e) {
            throw InputErrors.of(e);
        } catch (ImageFormatException e) {
            throw OdflashException.refused(Gate.IMAGE_FILE, file.getFileName() + " is not a readable firmware file: "
                    + e.getMessage());
        }
    }

    /** Picks an extraction candidate: its report becomes the file's. */
    public void pick(int index) {
        if (opened.isPresent() && index >= 0 && index < opened.get().candidates().size()) {
            picked = index;
            comparison = Optional.empty();
            changes.fire();
        }
    }

    public int picked() {
        return picked;
    }

    public List<CandidateRow> candidates() {
        return opened.map(o -> o.candidates().stream().map(c -> new CandidateRow(c.score(), Texts.line(c.origin()),
                Sizes.human(c.image().length), summary(c.report()), Texts.line(String.join(", ", c.reasons())))).toList())
                .orElse(List.of());
    }

    private static String summary(ImageReport r) {
        return r.layout().map(l -> l.word()).orElse("no known layout")
                + r.identity().map(i -> ", " + Texts.line(i.vendor() + " " + i.product() + " " + i.revision())).orElse("")
                + (r.flashable() ? "" : ", fails its checks");
    }

    /** The image shown: the file's own, or the picked candidate's. */
    public Optional<byte[]> image() {
        return opened.flatMap(o -> o.image().isPresent() ? o.image()
                : picked >= 0 ? Optional.of(o.candidates().get(picked).image()) : Optional.empty());
    }

    public Optional<ImageReport> report() {
        return opened.flatMap(o -> o.report().isPresent() ? o.report()
                : picked >= 0 ? Optional.of(o.candidates().get(picked).report()) : Optional.empty());
    }

    public Optional<Path> path() {
        return opened.map(Opened::file);
    }

    public Optional<Outcome> outcome() {
        return outcome;
    }

    /** Compares the image shown with another firmware file (a .bin, .hex, or an updater's best candidate). */
    public void compare(Path other) {
        Optional<byte[]> mine = image();
        if (mine.isEmpty()) {
            outcome = Optional.of(new Outcome.Failed("compare", OdflashException.usage(
                    "open a firmware file first, then the one to compare it with").failure(), Optional.empty()));
            changes.fire();
            return;
        }
        byte[] a = mine.get();
        Jobs.run(threads, log, "compare", () -> {
            Opened o = read(other);
            byte[] b = o.image().orElseGet(() -> o.candidates().isEmpty() ? null : o.candidates().getFirst().image());
            if (b == null) {
                throw OdflashException.refused(Gate.IMAGE_FILE, other.getFileName() + " holds no firmware image to compare");
            }
            return "Compared with " + Texts.line(other.getFileName().toString()) + ": "
                    + LibraryModel.describe(LibraryModel.differences(a, b), a.length, b.length);
        }, text -> {
            comparison = Optional.of(text);
            outcome = Optional.empty();
            changes.fire();
        }, end -> {
            outcome = Optional.of(Outcome.of("compare", end));
            changes.fire();
        });
    }

    public Optional<String> comparison() {
        return comparison;
    }

    /** The report as rows for the screen. */
    public List<DriveDetails.Row> rows() {
        List<DriveDetails.Row> rows = new ArrayList<>();
        opened.ifPresent(o -> rows.add(new DriveDetails.Row("Form", o.form() + (o.candidates().isEmpty() ? ""
                : ", " + o.candidates().size() + " candidates" + (picked >= 0 ? ", candidate " + (picked + 1) + " shown" : "")))));
        opened.ifPresent(o -> o.findings().forEach(f -> rows.add(new DriveDetails.Row("Note", Texts.line(f)))));
        report().ifPresent(r -> {
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
