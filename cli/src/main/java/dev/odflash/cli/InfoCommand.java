package dev.odflash.cli;

import dev.odflash.ops.Capabilities;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

@Command(name = "info", header = "Identify a drive, its family and flash chip, and what odflash can do with it.", mixinStandardHelpOptions = true,
        description = {"Identify a drive: INQUIRY identity, family, flash chip (JEDEC IDs), size and layout, and",
            "for backup / flash / verify how odflash would do it on this drive, or why not."})
final class InfoCommand extends BaseCommand {
    @Mixin
    DeviceOptions device;

    InfoCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        try (Device d = ctx.openDevice(device.device)) {
            DriveInfo info = device.probe(ctx).probe(d);
            List<Capability> caps = Capabilities.of(info, d);
            ctx.output().result(DriveReport.json(info, caps), DriveReport.text(info, caps));
            return ExitCode.OK;
        }
    }
}
