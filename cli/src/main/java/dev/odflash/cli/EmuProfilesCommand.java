package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import picocli.CommandLine.Command;

@Command(name = "profiles", header = "List the emulated drive profiles.", mixinStandardHelpOptions = true,
        description = "List the emulated drive profiles: family, image layout, default chip and synthetic firmware versions.")
final class EmuProfilesCommand extends BaseCommand {
    EmuProfilesCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() {
        ObjectNode json = Output.object();
        ArrayNode profiles = json.putArray("profiles");
        StringBuilder sb = new StringBuilder();
        for (EmulatorProfile p : EmulatorProfiles.all()) {
            ObjectNode o = profiles.addObject();
            o.put("name", p.name()).put("family", p.family().word()).put("layout", p.layout().word())
                    .put("chip", p.defaultChip()).put("vendor", p.vendor()).put("product", p.product())
                    .put("defaultVersion", p.defaultVersion());
            ArrayNode versions = o.putArray("versions");
            p.versions().forEach(versions::add);
            o.put("description", p.description());
            sb.append(String.format("emu:%s%n  %s %s, family %s, layout %s, chip %s%n  firmware versions: %s (default %s)%n  %s%n",
                    p.name(), p.vendor(), p.product(), p.family().word(), p.layout().word(), p.defaultChip(),
                    String.join(", ", p.versions()), p.defaultVersion(), p.description()));
        }
        sb.append("Spec parameters: ?chip=NAME|unknown &image=FILE &unit=NAME &medium=present &align=MASK &maxxfer=N"
                + " &bridge=drop-vendor &fault=LIST &stats=FILE\n");
        ctx.output().result(json, sb.toString());
        return ExitCode.OK;
    }
}
