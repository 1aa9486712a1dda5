package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.image.FirmwareFiles;
import dev.odflash.family.ImageIdentifier;
import dev.odflash.image.ImageReport;
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
            "(bank opcodes, MT1939 checksum, BTC byte sum, MT1959 CMAC table) and warnings, held to the rules the",
            "peers apply to a file about to be flashed: 0x02 at every mtk8051 bank, a rebanked LiteOn image named as",
            "such, OmniPatcher's bank-select mask by size (a warning), relaxed identity rules only below 1 MiB and",
            "without a date (a date with no plausible year shows as unknown), an emptied MT1939 signature table",
            "refused. Reads .bin and Intel-HEX (.hex, detected by content; text lines before the first record are",
            "skipped with a warning, as btcflash does). With --device: whether the file fits that drive and which",
            "flash gates would refuse it: exactly the gates `flash FILE` applies on that drive (evaluated as a dry",
            "run: image fit, medium, boot region, per-unit data, journal; the drive's flash is read, nothing is",
            "written). These are flash's gates without flags: on a family with no read path (btc, tsst) the",
            "backup gate refuses, as flash does without --without-backup (identify has no such flag), and the",
            "other gates are shown as flash --without-backup applies them.",
            "Exit 0 for a valid image (that fits), 4 for a file odflash would refuse (or flash would refuse",
            "without flags)."})
final class IdentifyCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "A firmware image (.bin) or Intel-HEX file (.hex).")
    Path file;

    @Option(names = "--key", paramLabel = "FILE",
            description = "MT1959 only: an AES-128 key to check the CMAC values with: exactly 16 raw bytes, or"
                    + " 32 hex digits and an optional line end (anything else: exit 2; over 34 bytes: exit 4)."
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
     * Exactly the gates `flash FILE` would apply on this drive without flags (FlashPreflight runs flash's
     * own checks as a dry run). identify has no --without-backup, so on a family with no read path the
     * backup gate refuses as flash's does; the other gates are then evaluated as flash --without-backup
     * would, so the user sees every reason at once.
     */
    private List<ImageFit.Gate> gates(byte[] image, ImageReport report) throws Exception {
        DriveProbe probe = new DriveProbe(ctx.chips(), ctx.drives(), Optional.empty(), OptionalLong.empty());
        try (Device d = ctx.openDevice(device)) {
            DriveInfo info = probe.probe(d);
            FlashPreflight preflight = new FlashPreflight(ctx.library(), ctx.clock(), probe);
            List<ImageFit.Gate> asFlash = preflight.gates(d, info, image, report, file, options(false), ctx.progress());
            Optional<ImageFit.Gate> backup = asFlash.stream()
                    .filter(g -> g.name().equals("backup") && !g.passed()).findFirst();
            if (backup.isEmpty()) {
                return asFlash;
            }
            List<ImageFit.Gate> gates = new java.util.ArrayList<>();
            for (ImageFit.Gate g : preflight.gates(d, info, image, report, file, options(true), ctx.progress())) {
                gates.add(g.name().equals("flash") && g.passed() ? new ImageFit.Gate("flash", true,
                        "every other gate flash applies passes (evaluated as flash --without-backup --dry-run)") : g);
            }
            gates.add(new ImageFit.Gate("backup", false, "flash needs --without-backup: " + backup.get().message()));
            return gates;
        }
    }

    private static FlashOptions options(boolean withoutBackup) {
        return new FlashOptions(false, false, false, false, false, false, Optional.empty(), withoutBackup,
                FlashOptions.defaults().mt19xxVariant(), dev.odflash.ops.Cancellation.none());
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
