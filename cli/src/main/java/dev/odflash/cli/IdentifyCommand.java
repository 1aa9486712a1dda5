package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.image.ImageIdentifier;
import dev.odflash.image.ImageReport;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.ImageFit;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashPreflight;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

@Command(name = "identify", header = "Check a firmware file (any family, .bin or .hex) before it reaches a drive.", mixinStandardHelpOptions = true,
        description = {"Check a firmware file before anything reaches a drive: layout (mtk8051, btc, tsst-mt1339,",
            "sd616, mt1939, mt1959), size, banks, identity strings, boot region, regions, integrity checks",
            "(bank opcodes, MT1939 checksum, BTC byte sum, MT1959 CMAC table) and warnings. Reads .bin and",
            "Intel-HEX (.hex, detected by content). With --device: whether the file fits that drive and which",
            "flash gates would refuse it: exactly the gates `flash FILE` applies on that drive (evaluated as a dry",
            "run: image fit, medium, boot region, per-unit data, journal; the drive's flash is read, nothing is",
            "written). Exit 0 for a valid image (that fits), 4 for a file odflash would refuse."})
final class IdentifyCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "A firmware image (.bin) or Intel-HEX file (.hex).")
    Path file;

    @Option(names = "--key", paramLabel = "FILE",
            description = "MT1959 only: an AES-128 key (16 bytes or 32 hex digits) to check the CMAC values with."
                    + " odflash ships no keys.")
    Path key;

    @Option(names = {"-d", "--device"}, paramLabel = "SPEC",
            description = "Also check the file against this drive (same forms as `info --device`).")
    String device;

    IdentifyCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        Optional<byte[]> cmacKey = FirmwareInput.key(key);
        FirmwareFiles.Loaded loaded = FirmwareInput.load(file, ctx);
        ImageReport report = ImageIdentifier.identify(loaded.image(), cmacKey);
        ObjectNode json = json(file, report);
        json.put("form", loaded.form().text());
        ArrayNode decode = json.putArray("decodeWarnings");
        loaded.warnings().forEach(decode::add);
        StringBuilder text = new StringBuilder(String.format("%-10s %s%s%n", "File:", visible(file.toString()),
                loaded.form() == FirmwareFiles.Form.BIN ? "" : " (" + loaded.form().text() + ")"));
        loaded.warnings().forEach(w -> text.append("warning: ").append(visible(w)).append('\n'));
        text.append(ImageText.text(report));
        boolean fits = true;
        if (device != null) {
            List<ImageFit.Gate> gates = gates(loaded.image(), report);
            fits = gates.stream().allMatch(ImageFit.Gate::passed);
            ArrayNode g = json.putObject("device").put("spec", device).put("fits", fits).putArray("gates");
            text.append("Against ").append(visible(device)).append(":\n");
            for (ImageFit.Gate gate : gates) {
                String message = OutcomeText.gateMessage(gate);
                g.addObject().put("name", gate.name()).put("passed", gate.passed()).put("message", message);
                text.append(String.format("  [%s] %s: %s%n", gate.passed() ? "ok" : "REFUSE", gate.name(), visible(message)));
            }
        }
        text.append(!report.flashable() ? "Verdict: odflash would refuse to flash this file\n"
                : !fits ? "Verdict: valid image, but the flash gates above would refuse it for this drive\n"
                : "Verdict: valid image\n");
        ctx.output().result(json, text.toString());
        return report.flashable() && fits ? ExitCode.OK : ExitCode.REFUSED;
    }

    /**
     * Exactly the gates `flash FILE` would apply on this drive (FlashPreflight runs flash's own checks as a
     * dry run), except the backup gate of a family with no read path: that one is about the drive, not
     * the file, and is shown as a note (flash needs --without-backup there).
     */
    private List<ImageFit.Gate> gates(byte[] image, ImageReport report) throws Exception {
        DriveProbe probe = new DriveProbe(ctx.chips(), ctx.drives(), Optional.empty(), OptionalLong.empty());
        try (Device d = ctx.openDevice(device)) {
            DriveInfo info = probe.probe(d);
            FlashOptions defaults = FlashOptions.defaults();
            boolean noReadPath = !Capabilities.readable(info, d) && info.family().isPresent()
                    && !info.family().get().chipStyle();
            FlashOptions options = new FlashOptions(false, false, false, false, false, false, Optional.empty(),
                    noReadPath, defaults.mt19xxVariant());
            List<ImageFit.Gate> gates = new java.util.ArrayList<>(new FlashPreflight(ctx.library(), ctx.clock(), probe)
                    .gates(d, info, image, report, file, options, ctx.progress()));
            if (noReadPath) {
                gates.add(new ImageFit.Gate("backup", true, "note: the " + info.family().get().word() + " family has"
                        + " no read path, so flash takes no backup first and needs --without-backup"));
            }
            return gates;
        }
    }

    static ObjectNode json(Path file, ImageReport r) {
        ObjectNode o = Output.object();
        o.put("file", file.toString());
        o.setAll(ImageText.json(r));
        return o;
    }

    static String text(Path file, ImageReport r) {
        return String.format("%-10s %s%n", "File:", visible(file.toString())) + ImageText.text(r)
                + (r.flashable() ? "Verdict: valid image\n" : "Verdict: odflash would refuse to flash this file\n");
    }
}
