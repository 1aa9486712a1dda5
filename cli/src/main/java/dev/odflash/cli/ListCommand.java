package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.drive.DriveModel;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.nativeio.DiscoveredDrive;
import dev.odflash.nativeio.OpticalDriveScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

import java.util.List;
import java.util.Optional;

@Command(name = "list", header = "List optical drives and the emulated ones.", mixinStandardHelpOptions = true,
        description = {"List the optical drives the operating system shows (no command is sent to them: Linux reads",
            "sysfs, Windows the storage descriptor), and the built-in emulated drives (--device emu:<profile>)."})
final class ListCommand extends BaseCommand {
    /** Test hook: a fake sysfs tree instead of /sys (as doctor's). */
    @Option(names = "--sysfs", hidden = true, paramLabel = "DIR")
    Path sysfs;

    ListCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() {
        List<DiscoveredDrive> found = sysfs != null ? OpticalDriveScan.scan(sysfs) : OpticalDriveScan.scan();
        ObjectNode json = Output.object();
        ArrayNode drives = json.putArray("drives");
        StringBuilder sb = new StringBuilder();
        sb.append(found.isEmpty() ? "No optical drives found by the operating system.\n" : "Optical drives:\n");
        for (DiscoveredDrive f : found) {
            Optional<DriveModel> model = ctx.drives().lookup(f.vendor(), f.product());
            ObjectNode d = drives.addObject();
            d.put("device", f.preferredNode());
            d.put("id", f.id());
            d.put("sg", f.genericNode().orElse(null));
            d.put("block", f.blockNode().orElse(null));
            d.put("vendor", f.vendor()).put("product", f.product()).put("revision", f.revision());
            d.put("bus", f.bus().kind()).put("path", f.bus().description());
            d.put("usbVendorId", f.bus().usbVendorId().orElse(null));
            d.put("usbProductId", f.bus().usbProductId().orElse(null));
            d.put("known", model.isPresent());
            d.put("family", model.map(m -> m.family().word()).orElse(null));
            String nodes = f.genericNode().map(g -> g + f.blockNode().map(b -> " (" + b + ")").orElse(""))
                    .orElse(f.blockNode().orElse(f.id()));
            sb.append(String.format("  %-18s %s %s %s  [%s]  %s%n", visible(nodes), visible(f.vendor()),
                    visible(f.product()), visible(f.revision()), visible(f.bus().description()), model.map(m -> "family " + m.family().word()).orElse("not in the drive table")));
        }
        // --- issue 14 §3: IDE channels and port access (Linux raw port path) ---
        if (sysfs != null || dev.odflash.nativeio.Platform.current() == dev.odflash.nativeio.Platform.LINUX) {
            dev.odflash.nativeio.PortDevices.Roots roots = PortText.roots(sysfs);
            java.util.List<dev.odflash.nativeio.IdeChannel> channels = dev.odflash.nativeio.PortDevices.channels(roots);
            dev.odflash.nativeio.PortAccess access = dev.odflash.nativeio.PortDevices.access(roots);
            PortText.json(json, channels, access);
            sb.append(PortText.text(channels, access));
        }
        // --- end issue 14 §3 ---
        ArrayNode emulated = json.putArray("emulated");
        sb.append("Emulated drives:\n");
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            emulated.addObject().put("device", "emu:" + p.name()).put("vendor", p.vendor()).put("product", p.product())
                    .put("family", p.family().word());
            sb.append(String.format("  %-22s %s %s (%s)%n", "emu:" + p.name(), p.vendor(), p.product(), p.family().word()));
        }
        String hint = visible(SuggestedCommand.of("info").option("--device", found.isEmpty() ? "emu:asus-crw-5224a"
                : found.getFirst().preferredNode()).toString());
        json.put("hint", "try: " + hint);
        sb.append("Try: ").append(hint).append('\n');
        ctx.output().result(json, sb.toString());
        return ExitCode.OK;
    }
}
