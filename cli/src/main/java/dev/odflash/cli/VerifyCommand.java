package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.flash.Comparison;
import dev.odflash.ops.status.VerifyOperation;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "verify", header = "Compare the drive's flash with a file and list differing ranges.", mixinStandardHelpOptions = true,
        description = {"Compare the drive's flash (two agreeing reads) with FILE and list the differing ranges.",
            "Exit 0 when identical, 5 when they differ."})
final class VerifyCommand extends BaseCommand {
    /** Ranges printed in text mode; JSON carries them all. */
    private static final int SHOWN = 20;

    @Mixin
    DeviceOptions device;

    @Parameters(index = "0", paramLabel = "FILE", description = "The image to compare with (.bin or .hex): at most the drive's flash (Intel-HEX 3"
            + " times that); a larger file is refused unread (exit 4).")
    Path file;

    VerifyCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        FirmwareInput.precheck(file, ctx); // a bad FILE is said before the drive is touched
        try (Device d = ctx.openDevice(device.device)) {
            DriveInfo info = device.probe(ctx).probe(d);
            // read with the target's flash as the bound: a larger file is refused unread (issue 10 §5)
            byte[] image = FirmwareInput.loadFor(file, ImageFit.expectedSize(info), ctx).image();
            Comparison c = VerifyOperation.run(d, info, image, ctx.progress());
            ObjectNode o = Output.object().put("file", file.toString()).put("identical", c.identical())
                    .put("differingBytes", c.differingBytes());
            o.put("firstDifference", c.identical() ? null : c.firstDifference());
            ArrayNode ranges = o.putArray("ranges");
            c.ranges().forEach(r -> ranges.addObject().put("start", r.start()).put("end", r.endExclusive()));
            StringBuilder sb = new StringBuilder(c.identical() ? "The drive holds exactly " + visible(file.toString()) + "\n"
                    : "The drive differs from " + visible(file.toString()) + ": " + c.summary() + "\n");
            c.ranges().stream().limit(SHOWN).forEach(r -> sb.append("  ").append(r).append('\n'));
            if (c.ranges().size() > SHOWN) {
                sb.append("  ... and ").append(c.ranges().size() - SHOWN).append(" more ranges (--json lists all)\n");
            }
            ctx.output().result(o, sb.toString());
            return c.identical() ? ExitCode.OK : ExitCode.MISMATCH;
        }
    }
}
