package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Command(name = "demo", header = "A guided run against the emulated drive: list, info, backup, identify.", mixinStandardHelpOptions = true,
        description = {"A guided run against the built-in emulated drive: list, info, backup, and identify of the",
            "backup just made, each step explained. Nothing touches a real drive; files go to a new directory."})
final class DemoCommand extends BaseCommand {
    @Option(names = "--dir", paramLabel = "DIR", description = "Work here instead of a new temporary directory: DIR must not exist yet (exit 4) and its"
            + " parent must (exit 2); demo creates DIR, never its parents.")
    Path dir;

    DemoCommand(AppContext ctx) {
        super(ctx);
    }

    private record Step(String title, String explanation, List<String> args) {
        /** The step as the user would type it: quoted, so the device spec's '?' and '&' paste into any shell. */
        String command() {
            return SuggestedCommand.of(args.getFirst()).args(args.subList(1, args.size())).toString();
        }
    }

    @Override
    protected ExitCode execute() throws Exception {
        Path work = workDirectory();
        Path backup = work.resolve("crw-5224a-backup.bin");
        String device = "emu:asus-crw-5224a?image=" + work.resolve("emulated-flash.bin");
        List<Step> steps = List.of(
                new Step("1. Which drives are there?",
                        "`list` shows the drives the OS sees and the built-in emulated ones.", List.of("list")),
                new Step("2. What is this drive?",
                        "`info` asks INQUIRY, finds the family in the drive table, enters the vendor mode to read the\n"
                                + "   chip's JEDEC IDs and says how each operation would be done. The emulated flash lives in\n"
                                + "   " + work.resolve("emulated-flash.bin") + " (created as firmware 1.10).",
                        List.of("info", "--device", device)),
                new Step("3. Back it up.",
                        "`backup` reads the whole chip twice, requires both passes to agree, hashes the image and writes\n"
                                + "   it with a .json sidecar atomically: a backup is complete and checksummed, or absent.",
                        List.of("backup", "--device", device, "-o", backup.toString())),
                new Step("4. Is the backup a sound image?",
                        "`identify` checks the file on its own: size, the 8051 jump at every 64 KiB bank, the INQUIRY\n"
                                + "   template with vendor, product, revision and date. It is what you run on any .bin first.",
                        List.of("identify", backup.toString())));
        boolean json = ctx.options().json;
        ObjectNode doc = Output.object().put("directory", work.toString()).put("device", device);
        ArrayNode results = doc.putArray("steps");
        PrintStream out = ctx.terminal().out();
        Map<String, String> env = new HashMap<>(ctx.env());
        env.put("ODFLASH_HOME", work.resolve("odflash-home").toString());
        for (Step s : steps) {
            if (!json) {
                out.printf("%n== %s%n   %s%n   $ %s%n%n", s.title(), s.explanation(), s.command());
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream stepOut = json ? new PrintStream(captured, true, StandardCharsets.UTF_8) : out;
            Terminal t = new Terminal(stepOut, ctx.terminal().err(), ctx.terminal().in(), ctx.terminal().interactive());
            List<String> args = new java.util.ArrayList<>(s.args());
            if (ctx.options().quiet) {
                args.add("--quiet");
            }
            int code = Cli.run(args.toArray(String[]::new), t, env, ctx.clock());
            results.addObject().put("command", s.command()).put("exitCode", code);
            if (code != 0) {
                throw OdflashException.bug("demo step failed: " + s.command()
                        + " exited with " + code);
            }
        }
        doc.put("backup", backup.toString());
        ctx.output().result(doc, String.format("%nDone. The backup and the emulated drive's flash are in %s.%n"
                + "Use the same --device again to keep working with that drive; `odflash --help` lists every command.%n", work));
        return ExitCode.OK;
    }

    private Path workDirectory() throws OdflashException {
        try {
            if (dir == null) {
                return Files.createTempDirectory("odflash-demo-");
            }
            if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw OdflashException.refused(Gate.OUTPUT_EXISTS, dir + " exists; the demo starts from a new directory");
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) { // the -o rule: odflash never creates the parents of a path you name
                throw OdflashException.usage("the demo directory's parent " + parent + " does not exist");
            }
            return Files.createDirectory(dir); // mkdir(2): a link planted at the name fails, never followed
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, dir + " exists; the demo starts from a new directory");
        } catch (IOException e) {
            throw OdflashException.usage("cannot create the demo directory: " + e.getMessage());
        }
    }
}
