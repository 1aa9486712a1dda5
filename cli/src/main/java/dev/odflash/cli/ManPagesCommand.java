package dev.odflash.cli;

import dev.odflash.ops.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * `odflash __man DIR`, hidden: writes one man page per command into DIR (scripts/package-deb.sh calls
 * it). Each page is created new: an existing file or a link in its place is refused, never overwritten.
 */
@Command(name = "__man", hidden = true, description = "Write one man page per command into DIR.")
final class ManPagesCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR", description = "An existing directory.")
    Path dir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    ManPagesCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            ctx.output().error(ExitCode.USAGE, "not a directory: " + dir);
            return ExitCode.USAGE;
        }
        Map<String, String> pages = ManPage.all(spec.root().commandLine(), ToolVersion.get());
        for (Map.Entry<String, String> page : pages.entrySet()) {
            try {
                Files.writeString(dir.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException e) {
                ctx.output().error(ExitCode.REFUSED, "not overwriting " + dir.resolve(page.getKey()));
                return ExitCode.REFUSED;
            }
        }
        ctx.output().note(pages.size() + " man pages written to " + dir);
        return ExitCode.OK;
    }
}
