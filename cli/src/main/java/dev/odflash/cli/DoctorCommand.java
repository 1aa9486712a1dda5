package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.doctor.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

@Command(name = "doctor", header = "Check what odflash needs to reach a drive and what to do about each failure.", mixinStandardHelpOptions = true,
        description = {"Check, in order, what odflash needs to reach a drive and say what to do about each failure:",
            "JDK and native access; device nodes; permission; sg driver; INQUIRY; TEST UNIT READY; whether a",
            "documented harmless vendor read reaches drives of a known family; and which path odflash would use",
            "for each family. Without --device every drive the OS shows is checked.",
            "Exit 0: no check failed (warnings allowed); 3: a check failed (a drive that cannot be opened, is in",
            "use by another program, or refuses a command is a failed check for that drive; the other drives are",
            "still checked); 2: bad --device spec or --trace file; 4: the --trace file exists."})
final class DoctorCommand extends BaseCommand {
    @Option(names = {"-d", "--device"}, paramLabel = "SPEC", description = "Check only this drive (/dev/sgN, /dev/srN,"
            + " \\\\.\\CdRomN, emu:<profile>...).")
    String device;

    /** Test hook: a fake sysfs tree instead of /sys. */
    @Option(names = "--sysfs", hidden = true, paramLabel = "DIR")
    Path sysfs;

    /** Test hook: check these drives as if the OS showed them (no --device), instead of the OS's list. */
    @Option(names = "--target", hidden = true, paramLabel = "SPEC")
    List<String> shownTargets;

    DoctorCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        ctx.openTrace(); // the run's own input: its error ends the run before any drive, whatever the drives do
        List<Check> checks = new DoctorChecks(ctx, ctx::openDevice).run(device, sysfs, shownTargets);
        boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
        ExitCode code = failed ? ExitCode.DEVICE : ExitCode.OK;
        ctx.output().result(json(checks, code), text(checks, code));
        return code;
    }

    private static ObjectNode json(List<Check> checks, ExitCode code) {
        ObjectNode o = Output.object();
        o.put("passed", code == ExitCode.OK);
        o.put("exitCode", code.code());
        if (code != ExitCode.OK) {
            // the contract's error object, beside the report that says which check failed and what to do
            long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
            o.putObject("error").put("exitCode", code.code()).put("kind", code.kind())
                    .put("message", failed + " check" + (failed == 1 ? "" : "s") + " failed; see \"checks\"");
        }
        ArrayNode a = o.putArray("checks");
        for (Check c : checks) {
            a.addObject().put("check", c.name()).put("target", c.target()).put("status", c.status().word())
                    .put("detail", c.detail()).put("fix", c.fix());
        }
        return o;
    }

    private static String text(List<Check> checks, ExitCode code) {
        StringBuilder sb = new StringBuilder();
        for (Check c : checks) {
            sb.append(String.format("%-5s %-16s %s%s%n", c.status().word(), visible(c.name()),
                    c.target().isEmpty() ? "" : visible(c.target()) + ": ", visible(c.detail())));
            if (!c.fix().isEmpty()) {
                sb.append(String.format("      %-16s fix: %s%n", "", visible(c.fix())));
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        sb.append(failed == 0 ? "No problems found.\n" : failed + " check(s) failed (exit " + code.code() + ").\n");
        return sb.toString();
    }
}
