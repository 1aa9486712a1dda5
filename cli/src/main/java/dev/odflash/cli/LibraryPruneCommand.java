package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.status.LibraryPrune;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "prune", header = "Remove duplicate backups and interrupted dumps (after a confirmation, or --yes).",
        mixinStandardHelpOptions = true,
        description = {"Remove from the library every duplicate (an entry whose content, state and drive an older entry",
            "has; its history is merged into that entry's \"seen\" list first) and every interrupted dump (a read of",
            "a half-written drive, never a backup). Every image is hashed again first; a damaged entry is never",
            "removed (see `library verify`), the oldest entry of each content stays, so the only complete backup of",
            "a drive is never removed, and no link is followed. Asks on the terminal; --yes for scripts; no terminal",
            "and no --yes: refused (exit 4). --dry-run lists what would go."})
final class LibraryPruneCommand extends BaseCommand {
    @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
    boolean yes;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    boolean dryRun;

    LibraryPruneCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws OdflashException {
        LibraryPrune.Plan plan = LibraryPrune.plan(ctx.library());
        StringBuilder summary = new StringBuilder();
        for (LibraryPrune.Removal r : plan.removals()) {
            summary.append(String.format("remove %s (%s%s)%n", visible(r.item().entry().file().toString()), r.reason().word(),
                    r.keptAs().map(k -> " of " + visible(k.getFileName().toString())).orElse("")));
        }
        ObjectNode json = Output.object();
        if (plan.removals().isEmpty()) {
            json.putArray("removed");
            ctx.output().result(json, "Nothing to prune: no duplicates, no interrupted dumps.\n");
            return ExitCode.OK;
        }
        if (dryRun) {
            ArrayNode would = json.putArray("wouldRemove");
            plan.removals().forEach(r -> removal(would.addObject(), r));
            ctx.output().result(json, summary + "(dry run: nothing removed)\n");
            return ExitCode.OK;
        }
        if (!yes && !new TerminalConfirmation(ctx.terminal(), "Remove these " + plan.removals().size() + " files?",
                "library prune: no terminal to confirm on; run with --yes to prune from a script").confirm(summary.toString().strip())) {
            throw OdflashException.refused(Gate.CONFIRMATION, "not confirmed: the library is left as it is");
        }
        List<LibraryPrune.Outcome> outcomes = LibraryPrune.apply(ctx.library(), plan);
        ArrayNode removed = json.putArray("removed");
        ArrayNode kept = json.putArray("leftAlone");
        StringBuilder text = new StringBuilder();
        for (LibraryPrune.Outcome o : outcomes) {
            if (o.removed()) {
                removal(removed.addObject(), o.removal());
                text.append("removed ").append(visible(o.removal().item().entry().file().toString()))
                        .append(" (").append(o.removal().reason().word()).append(")\n");
            } else {
                removal(kept.addObject(), o.removal()).put("detail", o.detail());
                ctx.output().warn("left alone: " + o.removal().item().entry().file() + ": " + o.detail());
            }
        }
        text.append(String.format("Pruned %d of %d.%n", removed.size(), outcomes.size()));
        ctx.output().result(json, text.toString());
        return ExitCode.OK;
    }

    private static ObjectNode removal(ObjectNode o, LibraryPrune.Removal r) {
        o.put("file", r.item().entry().file().toString()).put("reason", r.reason().word());
        r.keptAs().ifPresent(k -> o.put("keptAs", k.toString()));
        return o;
    }
}
