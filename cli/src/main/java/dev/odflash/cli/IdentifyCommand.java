package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "identify", mixinStandardHelpOptions = true,
        description = {"Check a firmware file before anything reaches a drive: family and layout, size, banks,",
            "identity strings, boot region, integrity checks and warnings. Exit 0 for a valid image, 4 for a",
            "file odflash would refuse to flash. This version knows the mtk8051 layout."})
final class IdentifyCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "A firmware image (.bin).")
    Path file;

    IdentifyCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        byte[] image = ImageFiles.readBounded(file);
        ImageReport report = ImageIdentifier.identify(image);
        ctx.output().result(json(file, report), text(file, report));
        return report.flashable() ? ExitCode.OK : ExitCode.REFUSED;
    }

    static ObjectNode json(Path file, ImageReport r) {
        ObjectNode o = Output.object();
        o.put("file", file.toString());
        o.put("size", r.size());
        o.put("sha256", r.sha256());
        o.put("layout", r.layout().map(l -> l.word()).orElse(null));
        o.put("flashable", r.flashable());
        o.put("banks", r.banks());
        o.put("bootRegion", r.bootRegionSize());
        r.identity().ifPresentOrElse(id -> o.putObject("identity").put("vendor", id.vendor()).put("product", id.product())
                .put("revision", id.revision()).put("date", id.date()).put("offset", id.templateOffset()),
                () -> o.putNull("identity"));
        ArrayNode checks = o.putArray("checks");
        r.checks().forEach(c -> checks.addObject().put("name", c.name()).put("passed", c.passed()).put("detail", c.detail()));
        ArrayNode warnings = o.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return o;
    }

    static String text(Path file, ImageReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-10s %s%n", "File:", file));
        sb.append(String.format("%-10s %s (%d bytes), sha256 %s%n", "Size:", Sizes.human(r.size()), r.size(), r.sha256()));
        sb.append(String.format("%-10s %s%n", "Layout:", r.layout().map(l -> l.word()).orElse("not recognised")));
        r.identity().ifPresent(id -> sb.append(String.format("%-10s %s %s %s, date %s (template at 0x%X)%n",
                "Identity:", id.vendor(), id.product(), id.revision(), id.date(), id.templateOffset())));
        if (r.layout().isPresent()) {
            sb.append(String.format("%-10s %d x 64 KiB, boot region %d KiB%n", "Banks:", r.banks(), r.bootRegionSize() / 1024));
        }
        for (ImageCheck c : r.checks()) {
            sb.append(String.format("  [%s] %s: %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.detail()));
        }
        r.warnings().forEach(w -> sb.append("warning: ").append(w).append('\n'));
        sb.append(r.flashable() ? "Verdict: valid image\n" : "Verdict: odflash would refuse to flash this file\n");
        return sb.toString();
    }
}
