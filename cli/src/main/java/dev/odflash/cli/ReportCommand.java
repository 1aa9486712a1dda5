package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "report", header = "Write an archive about a drive to send with a problem report; nothing is written to the drive.",
        mixinStandardHelpOptions = true,
        description = {"Run `info` and `doctor` on the drive with a trace of each and write one zip: odflash's, Java's",
            "and the OS's versions, both results, both traces, the host path's transfer limits and the newest",
            "run logs. The drive's serial numbers (also inside the traced answers) and your home directory are",
            "replaced unless --no-redact. Only reads are sent: INQUIRY, TEST UNIT READY, GET CONFIGURATION and",
            "the family's documented harmless reads. Default name: odflash-report-<vendor>_<product>-<UTC>.zip in",
            "the current directory (or in -o DIR); an existing file is never overwritten."})
final class ReportCommand extends BaseCommand {
    /** The newest run logs a report carries, each at most {@value #LOG_BYTES} bytes. */
    static final int LOGS = ReportWriter.LOGS;
    static final int LOG_BYTES = ReportWriter.LOG_BYTES;

    @Option(names = {"-d", "--device"}, required = true, paramLabel = "SPEC",
            description = "The drive: /dev/sgN, /dev/srN, \\\\.\\CdRomN (emu:<profile> and replay:TRACE work too).")
    String device;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the archive here (a new file), or into this existing directory under the default name.")
    Path output;

    @Option(names = "--no-redact", description = "Keep serial numbers and the home directory as they are.")
    boolean noRedact;

    ReportCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean suggestsReport() {
        return false; // this is the report
    }

    @Override
    protected ExitCode execute() throws Exception {
        if (ctx.options().trace != null) {
            throw OdflashException.usage("report records its own traces of info and doctor into the archive;"
                    + " --trace is not taken here");
        }
        ReportWriter.Written w = new ReportWriter(ctx, device, output, !noRedact).write();
        ObjectNode doc = Output.object();
        doc.put("report", w.path().toString());
        doc.put("bytes", w.bytes());
        doc.put("redacted", !noRedact);
        doc.put("serialsRedacted", noRedact ? 0 : w.serialsRedacted());
        doc.put("infoExitCode", w.infoExitCode());
        doc.put("doctorExitCode", w.doctorExitCode());
        ArrayNode entries = doc.putArray("entries");
        w.entries().forEach(entries::add);
        String human = "wrote " + TerminalText.visible(w.path().toString()) + " (" + w.entries().size() + " files, " + w.bytes() + " bytes; "
                + (noRedact ? "nothing redacted" : "serial numbers and the home directory redacted") + ")\n"
                + "info exited " + w.infoExitCode() + ", doctor exited " + w.doctorExitCode()
                + "; nothing was written to the drive.\n"
                + "Attach the file to an issue; it holds no firmware, only the drive's answers to reads.\n";
        ctx.output().result(doc, human);
        return ExitCode.OK;
    }

    /** A drive's INQUIRY string as a file-name word (ReportWriter#nameWord). */
    static String nameWord(String s) {
        return ReportWriter.nameWord(s);
    }
}
