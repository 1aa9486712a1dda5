package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.status.LibraryContents;
import dev.odflash.ops.status.LibraryIssue;
import picocli.CommandLine.Command;

import java.util.Optional;

@Command(name = "verify", header = "Check every sidecar and hash every library image again (exit 5 on damage).",
        mixinStandardHelpOptions = true,
        description = {"Read every sidecar and hash every image in the library again (no cached hash is trusted): each",
            "image must be a plain file with the size and SHA-256 its sidecar records. Exit 5 when any entry is",
            "damaged (a changed, short or missing image, a damaged sidecar); an image without a sidecar and an",
            "unfinished publish are reported but are not damage. Sends nothing to any drive and changes nothing."})
final class LibraryVerifyCommand extends BaseCommand {
    LibraryVerifyCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() {
        LibraryContents contents = LibraryContents.of(ctx.library(), Optional.empty(), true);
        ObjectNode json = Output.object();
        ArrayNode ok = json.putArray("verified");
        ArrayNode issues = json.putArray("issues");
        StringBuilder text = new StringBuilder();
        for (LibraryContents.Item item : contents.items()) {
            LibraryText.json(item, ok.addObject());
            text.append("ok: ").append(TerminalText.visible(item.entry().file().toString())).append('\n');
        }
        for (LibraryIssue issue : contents.issues()) {
            LibraryText.json(issue, issues.addObject());
            text.append(LibraryText.line(issue));
        }
        long damaged = contents.issues().stream().filter(i -> i.problem() == LibraryIssue.Problem.DAMAGED).count();
        json.put("damaged", damaged);
        text.append(String.format("%d backup%s verified%s.%n", contents.items().size(), contents.items().size() == 1 ? "" : "s",
                damaged == 0 ? ", none damaged" : "; " + damaged + " damaged"));
        ctx.output().result(json, text.toString());
        return contents.damaged() ? ExitCode.MISMATCH : ExitCode.OK;
    }
}
