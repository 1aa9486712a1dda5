package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.image.ImageReport;
import dev.odflash.image.extract.Candidate;
import dev.odflash.image.extract.Extraction;
import dev.odflash.image.extract.Extractor;
import dev.odflash.input.BoundedInput;
import dev.odflash.input.InputFileException;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@Command(name = "extract", header = "Carve firmware images out of a vendor updater EXE.", mixinStandardHelpOptions = true,
        description = {"Find the firmware image inside a vendor updater EXE: PE resources (RCDATA and others), the",
            "overlay after the last section, ZIP and 7z archives inside those, Intel-HEX text, the LiteOn XFlash",
            "table (raw method only); RAR, CAB, NSIS, Inno and UPX are named, not opened. Every candidate is",
            "scored and explained; the valid images are written to DIR (default: <EXE>-extracted next to the",
            "EXE; DIR is created, never its parents), never overwriting: an output already holding exactly that",
            "image is \"already there\" (exit 0), one with other content is refused (exit 4). Images laid end to end",
            "(each with its own identity) are split at image boundaries and offered one by one. An 8051 candidate whose banks start with",
            "0x80 (SJMP) is kept, as OmniPatcher's extraction allows, with a warning: identify and flash take only",
            "0x02 there. Exit 0 when a flashable image was written, 4 when the file holds none."})
final class ExtractCommand extends BaseCommand {
    /** Updaters are a few MiB; 256 MiB bounds what is read into memory. */
    static final long MAX_EXE = 256L << 20;
    static final int SHOWN = 12;

    @Parameters(index = "0", paramLabel = "UPDATER", description = "The vendor's updater (.exe).")
    Path exe;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the images.")
    Path dir;

    ExtractCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        byte[] file = FirmwareInput.read(exe, MAX_EXE, "updater");
        Extraction x = Extractor.extract(file);
        if (x.notPe().isPresent()) {
            throw OdflashException.refused(Gate.OTHER, exe + ": " + x.notPe().get() + "; extract reads Windows updaters (PE files)."
                    + " For a firmware file use `odflash identify`");
        }
        Path out = dir != null ? dir : exe.toAbsolutePath().resolveSibling(exe.getFileName() + "-extracted");
        List<Candidate> best = x.flashable();
        List<Path> targets = names(out, best);
        if (!best.isEmpty()) {
            outputDirectory(out);
        }
        List<Boolean> there = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            boolean taken = AtomicFiles.taken(targets.get(i));
            if (taken && !sameContent(targets.get(i), best.get(i).image())) {
                throw OdflashException.refused(Gate.OUTPUT_EXISTS, targets.get(i) + " exists with other content; odflash"
                        + " never overwrites a file (choose another -o DIR)");
            }
            there.add(taken);
        }
        for (int i = 0; i < best.size(); i++) {
            if (!there.get(i)) {
                AtomicFiles.publishNew(targets.get(i), best.get(i).image());
            }
        }
        this.alreadyThere = there;
        if (best.isEmpty()) {
            ctx.terminal().err().print(text(x, best, targets)); // what was looked at, for the user; stdout stays clean
            throw OdflashException.refused(Gate.OTHER, x.upx() ? Extraction.UPX_ADVICE : "no flashable firmware image found in "
                    + exe + (x.candidates().isEmpty() ? "" : " (the candidates above are not valid images)"));
        }
        ctx.output().result(json(x, best, targets), text(x, best, targets));
        return ExitCode.OK;
    }

    /** Per written image: the output already held exactly these bytes, so nothing was written. */
    private List<Boolean> alreadyThere = List.of();

    /**
     * An existing output that is byte for byte the candidate (an extract run again): "already there",
     * not a refusal. A link, a special file or a larger file is never the same (read no-follow, bounded).
     */
    private static boolean sameContent(Path existing, byte[] image) {
        if (Files.isSymbolicLink(existing)) {
            return false;
        }
        try {
            return java.util.Arrays.equals(BoundedInput.read(existing, image.length, "output"), image);
        } catch (InputFileException e) {
            return false;
        }
    }

    /** DIR itself is created (never its parents) and must be a real directory, not a link to one. */
    private static void outputDirectory(Path out) throws OdflashException {
        try {
            Files.createDirectory(out); // mkdir(2): fails on anything at the name, a link included
        } catch (FileAlreadyExistsException e) {
            if (Files.isSymbolicLink(out)) {
                throw OdflashException.refused(Gate.OUTPUT_EXISTS, out + " is a symbolic link; odflash does not write through links"
                        + " (choose another -o DIR)");
            }
            if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                throw OdflashException.usage("output " + out + " exists and is not a directory");
            }
        } catch (NoSuchFileException e) {
            throw OdflashException.usage("the parent of the output directory " + out + " does not exist;"
                    + " odflash creates DIR itself, never its parents");
        } catch (IOException e) {
            throw OdflashException.usage("cannot create the output directory " + out + ": " + e.getMessage());
        }
    }

    private static List<Path> names(Path out, List<Candidate> best) {
        List<Path> paths = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Candidate c : best) {
            ImageReport r = c.report();
            String base = r.layout().get().word() + r.identity().map(i -> "-" + i.vendor() + "-" + i.product() + "-"
                    + i.revision()).orElse("");
            base = base.replaceAll("[^A-Za-z0-9._-]+", "_");
            String name = base + ".bin";
            for (int n = 2; !used.add(name); n++) {
                name = base + "-" + n + ".bin";
            }
            paths.add(out.resolve(name));
        }
        return paths;
    }

    private ObjectNode json(Extraction x, List<Candidate> best, List<Path> targets) {
        ObjectNode o = Output.object().put("file", exe.toString()).put("upx", x.upx());
        ArrayNode written = o.putArray("written");
        for (int i = 0; i < best.size(); i++) {
            written.addObject().put("path", targets.get(i).toString()).put("alreadyThere", alreadyThere.get(i))
                    .put("origin", best.get(i).origin())
                    .put("sha256", best.get(i).report().sha256()).put("summary", ImageText.summary(best.get(i).report()));
        }
        ArrayNode cands = o.putArray("candidates");
        x.candidates().stream().limit(SHOWN).forEach(c -> {
            ObjectNode n = cands.addObject().put("origin", c.origin()).put("score", c.score()).put("size", c.image().length)
                    .put("sha256", c.report().sha256()).put("summary", ImageText.summary(c.report()));
            c.reasons().forEach(n.putArray("reasons")::add);
        });
        x.findings().forEach(o.putArray("findings")::add);
        x.notes().forEach(o.putArray("notes")::add);
        o.putObject("scans").put("ranges", x.scans().ranges()).put("repeats", x.scans().repeats())
                .put("bytes", x.scans().bytes());
        return o;
    }

    private String text(Extraction x, List<Candidate> best, List<Path> targets) {
        StringBuilder sb = new StringBuilder("Updater: " + visible(exe.toString()) + (x.upx() ? " (UPX-packed)" : "") + "\n");
        x.findings().forEach(f -> sb.append("  found: ").append(visible(f)).append('\n'));
        x.notes().forEach(n -> sb.append("  note: ").append(visible(n)).append('\n'));
        sb.append(x.candidates().isEmpty() ? "No candidates.\n" : "Candidates, best first:\n");
        x.candidates().stream().limit(SHOWN).forEach(c -> sb.append(String.format("  %4d  %s (%d bytes)%n        %s%n        why: %s%n",
                c.score(), visible(c.origin()), c.image().length, ImageText.summary(c.report()),
                visible(String.join(", ", c.reasons())))));
        for (int i = 0; i < best.size(); i++) {
            sb.append(String.format("%s %s%n  sha256 %s%n  %s%n", alreadyThere.get(i) ? "Already there:" : "Wrote",
                    visible(targets.get(i).toString()), best.get(i).report().sha256(),
                    ImageText.summary(best.get(i).report())));
        }
        return sb.toString();
    }
}
