package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "list", header = "List every journal: key, drive, old -> new version, when, which banks.", mixinStandardHelpOptions = true,
        description = {"List every journal of an interrupted flash: its key (vendor, product, serial or device path),",
            "the drive it was written on, the versions (old -> new), when it started and which 64 KiB banks the flash",
            "writes. A journal file odflash cannot read is listed with the reason. Sends nothing to any drive."})
final class JournalListCommand extends BaseCommand {
    JournalListCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws OdflashException {
        List<JournalStore.Entry> entries;
        JournalStore store = new JournalStore(ctx.library().journals());
        try {
            entries = store.all();
        } catch (IOException e) {
            throw OdflashException.usage("cannot list " + store.directory() + ": " + e.getMessage());
        }
        ObjectNode json = Output.object();
        ArrayNode list = json.putArray("journals");
        StringBuilder text = new StringBuilder(entries.isEmpty() ? "No journals: no flash is pending.\n" : "");
        for (JournalStore.Entry e : entries) {
            ObjectNode o = list.addObject();
            o.put("key", e.key());
            o.put("file", e.file().toString());
            if (e.journal().isEmpty()) {
                o.put("problem", e.problem());
                text.append(String.format("%s%n  unreadable: %s%n", visible(e.key()), visible(e.problem())));
                continue;
            }
            Journal j = e.journal().get();
            o.put("vendor", j.vendor()).put("product", j.product()).put("keyBasis", j.keyBasis())
                    .put("keyValue", j.keyValue()).put("device", j.device()).put("fromVersion", j.fromVersion())
                    .put("toVersion", j.toVersion()).put("startedAt", j.startedAt().toString())
                    .put("targetFile", j.targetFile()).put("backupFile", j.backupFile());
            ArrayNode banks = o.putArray("banks");
            j.banks().forEach(banks::add);
            text.append(String.format("%s%n  drive:  %s %s (%s %s) on %s%n  flash:  %s -> %s, started %s%n"
                            + "  banks:  %s%n  target: %s%n  backup: %s%n", visible(e.key()), visible(j.vendor()),
                    visible(j.product()), visible(j.keyBasis()), visible(j.keyValue()), visible(j.device()),
                    visible(j.fromVersion()), visible(j.toVersion()), j.startedAt(),
                    j.banks().isEmpty() ? "unknown" : j.banks().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                    visible(j.targetFile()), j.backupFile().isEmpty() ? "-" : visible(j.backupFile())));
        }
        ctx.output().result(json, text.toString());
        return ExitCode.OK;
    }
}
