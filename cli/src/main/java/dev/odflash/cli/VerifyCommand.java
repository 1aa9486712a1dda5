package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

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
            "Exit 0 when identical, 5 when they differ; with --json a difference is the error document of the",
            "contract, its error.mismatch holding firstOffset, count and every range as {offset, length}."})
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
            if (c.identical()) {
                ObjectNode o = Output.object().put("file", file.toString()).put("identical", true)
                        .put("differingBytes", 0).putNull("firstDifference");
                o.putArray("ranges");
                ctx.output().result(o, "The drive holds exactly " + visible(file.toString()) + "\n");
                return ExitCode.OK;
            }
            // a difference is a mismatch failure like flash's (docs/architecture.md "Contracts"): with --json
            // one error document carrying error.mismatch {firstOffset, count, ranges}; as text the ranges on
            // stdout and the error line on stderr
            if (!ctx.output().json()) {
                StringBuilder sb = new StringBuilder("The drive differs from " + visible(file.toString()) + " in:\n");
                c.ranges().stream().limit(SHOWN).forEach(r -> sb.append("  ").append(r).append('\n'));
                if (c.ranges().size() > SHOWN) {
                    sb.append("  ... and ").append(c.ranges().size() - SHOWN).append(" more ranges (--json lists all)\n");
                }
                ctx.output().result(Output.object(), sb.toString());
            }
            ctx.output().error(c.mismatch("the drive differs from " + file + ": " + c.summary()));
            return ExitCode.MISMATCH;
        }
    }
}
