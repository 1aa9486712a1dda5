package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.Journal;
import dev.odflash.ops.flash.JournalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Optional;

@Command(name = "discard", header = "Remove a journal (after a confirmation, or --yes).", mixinStandardHelpOptions = true,
        description = {"Remove the journal KEY (see `odflash journal list`). Its drive then loses the resume and restore",
            "the journal authorised, so do this only for a drive you know is intact or another unit. Asks on the",
            "terminal; --yes for scripts; no terminal and no --yes: refused (exit 4). An unknown KEY is exit 2."})
final class JournalDiscardCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The journal's key, as `odflash journal list` shows it.")
    String key;

    @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
    boolean yes;

    JournalDiscardCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws OdflashException {
        if (!key.matches("[A-Za-z0-9._-]+") || key.startsWith(".")) {
            throw OdflashException.usage("journal discard " + key + ": not a journal key (see `odflash journal list`)");
        }
        JournalStore store = new JournalStore(ctx.library().journals());
        if (!java.nio.file.Files.exists(store.fileFor(key), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw OdflashException.usage("no journal " + key + " (see `odflash journal list`)");
        }
        Optional<Journal> j;
        try {
            j = store.pending(key);
        } catch (IOException | RuntimeException e) {
            j = Optional.empty(); // an unreadable journal can be discarded too: that is how it goes away
        }
        // each value from the journal file made visible on its own: a newline in one cannot fake a line
        String what = j.map(x -> visible(x.vendor()) + " " + visible(x.product()) + " on " + visible(x.device()) + ": "
                + visible(x.fromVersion()) + " -> " + visible(x.toVersion()) + ", started " + x.startedAt())
                .orElse("an unreadable journal");
        if (!yes && !new TerminalConfirmation(ctx.terminal(), "Discard this journal?",
                "journal discard: no terminal to confirm on; run with --yes to discard from a script").confirm(
                "journal " + key + ": " + what)) {
            throw OdflashException.refused(Gate.CONFIRMATION, "not confirmed: the journal " + key + " is kept");
        }
        try {
            store.remove(key);
        } catch (IOException e) {
            throw OdflashException.usage("cannot remove " + store.fileFor(key) + ": " + e.getMessage());
        }
        ctx.output().result(Output.object().put("discarded", key), "Discarded the journal " + key + " (" + what + ").\n");
        return ExitCode.OK;
    }
}
