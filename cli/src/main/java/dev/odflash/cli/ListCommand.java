package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.nativeio.OpticalDriveScan;
import dev.odflash.ops.ExitCode;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the optical drives the operating system shows, and the built-in emulated drives",
            "(usable everywhere with --device emu:<profile>)."})
final class ListCommand extends BaseCommand {
    ListCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() {
        List<OpticalDriveScan.Found> found = OpticalDriveScan.scan();
        ObjectNode json = Output.object();
        ArrayNode drives = json.putArray("drives");
        StringBuilder sb = new StringBuilder();
        if (found.isEmpty()) {
            sb.append("No optical drives found by the operating system.\n");
        } else {
            sb.append("Optical drives (opening them needs the OS pass-through, not built into this version):\n");
        }
        for (OpticalDriveScan.Found f : found) {
            drives.addObject().put("device", f.device()).put("vendor", f.vendor()).put("product", f.product())
                    .put("revision", f.revision()).put("path", f.busPath());
            sb.append(String.format("  %-10s %s %s %s  (%s)%n", f.device(), f.vendor(), f.product(), f.revision(), f.busPath()));
        }
        ArrayNode emulated = json.putArray("emulated");
        sb.append("Emulated drives:\n");
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            emulated.addObject().put("device", "emu:" + p.name()).put("vendor", p.vendor()).put("product", p.product())
                    .put("family", p.family().word());
            sb.append(String.format("  %-22s %s %s (%s)%n", "emu:" + p.name(), p.vendor(), p.product(), p.family().word()));
        }
        json.put("hint", "try: odflash info --device emu:asus-crw-5224a");
        sb.append("Try: odflash info --device emu:asus-crw-5224a\n");
        ctx.output().result(json, sb.toString());
        return ExitCode.OK;
    }
}
