package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.ChipTableFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "chips", header = "List the flash chips odflash knows.", mixinStandardHelpOptions = true,
        description = {"List the flash chips odflash knows (built-in table plus --chip-db rows).",
            "FILTER matches name, alias, vendor, bus or JEDEC IDs. `--json` prints rows in the table's own format,",
            "ready to copy into a --chip-db file."})
final class ChipsCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "FILTER", description = "Text to look for, e.g. SST, 0xBF, spi.")
    String filter;

    ChipsCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        List<ChipSpec> rows = ctx.chips().filter(filter);
        ObjectNode json = Output.object();
        json.put("format", "odflash-chips/1");
        ArrayNode chips = json.putArray("chips");
        rows.forEach(c -> chips.add(ChipTableFormat.toJson(c)));
        StringBuilder sb = new StringBuilder(String.format("%-16s %-9s %-8s %-13s %8s  %-12s %s%n",
                "NAME", "VENDOR", "BUS", "JEDEC", "SIZE", "WRITES", "ERASERS"));
        for (ChipSpec c : rows) {
            sb.append(String.format("%-16s %-9s %-8s %-13s %8s  %-12s %s%s%n", visible(c.name()), visible(c.vendor()), c.bus().word(),
                    c.id(), Sizes.human(c.size()), c.writeModel().word(), DriveReport.erasers(c),
                    c.timingInferred() ? "  (timings inferred)" : ""));
        }
        sb.append(rows.size()).append(rows.size() == 1 ? " chip" : " chips")
                .append(filter == null ? "" : " matching '" + visible(filter) + "'").append('\n');
        ctx.output().result(json, sb.toString());
        return ExitCode.OK;
    }
}
