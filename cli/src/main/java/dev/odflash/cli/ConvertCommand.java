package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.image.Sd616Layout;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "convert", header = "Turn an Intel-HEX file (or an SD-616 download buffer) into a .bin.", mixinStandardHelpOptions = true,
        description = {"Write the binary image a firmware file holds: Intel-HEX (plain, or the MTK/BTC banked",
            "form with :00000155AA bank records) becomes a .bin, an SD-616 0x30000 download buffer becomes the",
            "0x20000 flash file. The output is written atomically and never overwritten (exit 4 if it exists)."})
final class ConvertCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "A .hex file (or an SD-616 download buffer).")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The .bin file to write.")
    Path output;

    ConvertCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        if (AtomicFiles.taken(output)) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, output + " exists; odflash never overwrites a file");
        }
        FirmwareFiles.Loaded loaded = FirmwareInput.load(file, ctx);
        byte[] image = loaded.image();
        String from = loaded.form().text();
        if (loaded.form() == FirmwareFiles.Form.BIN) {
            if (!Sd616Layout.isRearranged(image)) {
                throw OdflashException.refused(Gate.OTHER, file + " is already a binary image (not Intel-HEX, not an SD-616"
                        + " download buffer); nothing to convert");
            }
            image = Sd616Layout.restore(image);
            from = "SD-616 download buffer";
        }
        loaded.warnings().forEach(ctx.output()::warn);
        AtomicFiles.publishNew(output, image);
        ImageReport report = ImageIdentifier.identify(image);
        ObjectNode json = Output.object().put("input", file.toString()).put("form", from).put("output", output.toString());
        json.set("image", ImageText.json(report));
        ctx.output().result(json, String.format("Wrote %s (%d bytes, from %s), sha256 %s%n  %s%n", visible(output.toString()), image.length,
                from, report.sha256(), ImageText.summary(report)));
        return ExitCode.OK;
    }
}
