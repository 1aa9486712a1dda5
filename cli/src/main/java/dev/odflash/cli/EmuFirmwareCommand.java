package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.bytes.Sha256;
import dev.odflash.chip.ChipSpec;
import dev.odflash.emulator.EmulatedDrives;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.download.DownloadFirmware;
import dev.odflash.emulator.firmware.Mtk8051Firmware;
import dev.odflash.ops.AtomicFiles;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "firmware", header = "Write a synthetic firmware image for an emulated profile.",
        description = {"Write a synthetic firmware image for an emulated profile, sized for its chip (or --chip).",
            "Real vendor images cannot be shipped; these are structurally faithful stand-ins."})
final class EmuFirmwareCommand extends BaseCommand {
    // --version names the firmware version here, so only the help option of the standard pair is mixed in
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--profile", required = true, paramLabel = "P", description = "Profile name as `emu profiles` prints it, with or without emu: (emu:asus-crw-5224a or asus-crw-5224a).")
    String profile;

    @Option(names = "--version", required = true, paramLabel = "V", description = "Firmware version, e.g. 1.20.")
    String version;

    @Option(names = "--chip", paramLabel = "NAME", description = "Size the image for this chip instead of the profile's.")
    String chip;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write (never overwritten).")
    Path output;

    EmuFirmwareCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        // `emu profiles` and `list` print emu:NAME, the --device form; both are the profile's name here
        String name = profile.startsWith("emu:") ? profile.substring("emu:".length()) : profile;
        EmulatorProfile p = EmulatorProfiles.byName(name).orElseThrow(() -> OdflashException.usage(
                "unknown profile '" + profile + "'" + DidYouMean.suffix(name, EmulatorProfiles.all().stream()
                        .map(EmulatorProfile::name).toList()) + " (see `odflash emu profiles`)"));
        if (!p.versions().contains(version)) {
            throw OdflashException.usage("profile " + p.name() + " has no version '" + version + "' (versions: "
                    + String.join(", ", p.versions()) + ")");
        }
        ChipSpec c;
        try {
            c = EmulatedDrives.chipFor(p, chip, ctx.chips());
        } catch (IllegalArgumentException e) {
            throw OdflashException.usage(e.getMessage());
        }
        if (AtomicFiles.taken(output)) {
            throw OdflashException.refused(Gate.OUTPUT_EXISTS, output + " exists; odflash never overwrites a file");
        }
        // download-family images have the layout's one size; chipFor has checked a named chip against it
        byte[] image = p.family().chipStyle() ? Mtk8051Firmware.generate(p.vendor(), p.product(), version, (int) c.size())
                : DownloadFirmware.image(p, version);
        AtomicFiles.publishNew(output, image);
        String sha = Sha256.hex(image);
        ObjectNode json = Output.object().put("file", output.toString()).put("profile", p.name()).put("version", version)
                .put("chip", c.name()).put("size", image.length).put("sha256", sha);
        ctx.output().result(json, String.format("Wrote %s: %s %s firmware %s for %s (%s), sha256 %s%n",
                output, p.vendor(), p.product(), version, c.name(), Sizes.human(image.length), sha));
        return ExitCode.OK;
    }
}
