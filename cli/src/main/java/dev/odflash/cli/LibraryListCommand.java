package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.status.LibraryContents;
import dev.odflash.ops.status.LibraryIssue;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.OptionalLong;

@Command(name = "list", header = "List the backups in the library (one drive's with --device).", mixinStandardHelpOptions = true,
        description = {"List every backup in the library: drive (<vendor>_<product>), revision, state, when, sha256,",
            "how often the same content was backed up again, and the file. Files that are not backups (an image",
            "without a sidecar, an unfinished publish, a damaged entry) are listed after them. With --device only",
            "that drive model's backups are listed (the drive is asked who it is, nothing else); without, no drive",
            "is opened."})
final class LibraryListCommand extends BaseCommand {
    @Option(names = {"-d", "--device"}, paramLabel = "SPEC",
            description = "Only this drive's backups: /dev/sgN, /dev/srN, \\\\.\\CdRomN or emu:<profile>.")
    String device;

    LibraryListCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws OdflashException {
        Optional<String> key = Optional.empty();
        if (device != null) {
            try (Device d = ctx.openDevice(device)) {
                DriveInfo info = new DriveProbe(ctx.chips(), ctx.drives(), Optional.empty(), OptionalLong.empty()).probe(d);
                key = Optional.of(ctx.library().driveDirectory(info.inquiry().vendor(), info.inquiry().product())
                        .getFileName().toString());
            }
        }
        LibraryContents contents = LibraryContents.of(ctx.library(), key, false);
        ObjectNode json = Output.object();
        key.ifPresent(k -> json.put("drive", k));
        ArrayNode backups = json.putArray("backups");
        ArrayNode issues = json.putArray("issues");
        StringBuilder text = new StringBuilder();
        if (contents.items().isEmpty()) {
            text.append("No backups in ").append(TerminalText.visible(ctx.library().backups().toString()))
                    .append(key.map(k -> " for " + TerminalText.visible(k)).orElse("")).append(".\n");
        }
        for (LibraryContents.Item item : contents.items()) {
            LibraryText.json(item, backups.addObject());
            text.append(LibraryText.line(item));
        }
        for (LibraryIssue issue : contents.issues()) {
            LibraryText.json(issue, issues.addObject());
            text.append("not a backup: ").append(LibraryText.line(issue));
        }
        ctx.output().result(json, text.toString());
        return ExitCode.OK;
    }
}
