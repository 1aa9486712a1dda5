package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.drive.ImageLayout;
import dev.odflash.image.ImageCheck;
import dev.odflash.image.ImageRegion;
import dev.odflash.image.ImageReport;

/** An image report as JSON and as text, shared by identify, convert and extract. */
final class ImageText {
    private ImageText() {
    }

    static ObjectNode json(ImageReport r) {
        ObjectNode o = Output.object();
        o.put("size", r.size());
        o.put("sha256", r.sha256());
        o.put("layout", r.layout().map(l -> l.word()).orElse(null));
        o.put("flashable", r.flashable());
        o.put("banks", r.banks());
        o.put("bootRegion", r.bootRegionSize());
        o.put("perUnitData", r.perUnitData());
        r.identity().ifPresentOrElse(id -> o.putObject("identity").put("vendor", id.vendor()).put("product", id.product())
                        .put("revision", id.revision()).put("date", id.date().isEmpty() ? null : id.date())
                        .put("offset", id.templateOffset()),
                () -> o.putNull("identity"));
        ArrayNode regions = o.putArray("regions");
        r.regions().forEach(g -> regions.addObject().put("name", g.name()).put("offset", g.offset())
                .put("length", g.length()).put("perUnit", g.perUnit()).put("detail", g.detail()));
        ArrayNode checks = o.putArray("checks");
        r.checks().forEach(c -> checks.addObject().put("name", c.name()).put("passed", c.passed()).put("detail", c.detail()));
        ArrayNode warnings = o.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return o;
    }

    static String text(ImageReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-10s %s (%d bytes), sha256 %s%n", "Size:", Sizes.human(r.size()), r.size(), r.sha256()));
        sb.append(String.format("%-10s %s%n", "Layout:", r.layout().map(l -> l.word()).orElse("not recognised")));
        r.identity().ifPresent(id -> sb.append(String.format("%-10s %s %s %s%s (at 0x%X)%n", "Identity:", visible(id.vendor()),
                visible(id.product()), visible(id.revision()), dateText(r, id.date()),
                id.templateOffset())));
        if (r.layout().isPresent()) {
            sb.append(String.format("%-10s %d x 64 KiB, boot region %d KiB%n", "Banks:", r.banks(), r.bootRegionSize() / 1024));
        }
        for (ImageRegion g : r.regions()) {
            sb.append(String.format("  region 0x%06X-0x%06X %s%s: %s%n", g.offset(), g.end() - 1, visible(g.name()),
                    g.perUnit() ? " (per-unit)" : "", visible(g.detail())));
        }
        for (ImageCheck c : r.checks()) {
            sb.append(String.format("  [%s] %s: %s%n", c.passed() ? "ok" : "FAIL", visible(c.name()), visible(c.detail())));
        }
        r.warnings().forEach(w -> sb.append("warning: ").append(visible(w)).append('\n'));
        return sb.toString();
    }

    /**
     * The build date of an INQUIRY-template identity (mtk8051, tsst-mt1339, sd616); "unknown" when the
     * template's date names no plausible year or the relaxed rules found it. Other layouts carry no date.
     */
    private static String dateText(ImageReport r, String date) {
        if (!date.isEmpty()) {
            return ", date " + visible(date);
        }
        boolean templateDated = r.layout().map(ImageLayout::datedTemplate).orElse(true);
        return templateDated ? ", date unknown" : "";
    }

    /** One line: layout, identity and verdict. */
    static String summary(ImageReport r) {
        return visible(summaryOf(r));
    }

    private static String summaryOf(ImageReport r) {
        return r.layout().map(l -> l.word()).orElse("unrecognised")
                + r.identity().map(i -> " " + i.vendor() + " " + i.product() + " " + i.revision()).orElse("")
                + (r.flashable() ? ", valid" : ", refused: " + String.join("; ",
                r.failures().stream().map(c -> c.name() + ": " + c.detail()).toList()))
                + (r.perUnitData() ? ", holds per-unit data" : "");
    }
}
