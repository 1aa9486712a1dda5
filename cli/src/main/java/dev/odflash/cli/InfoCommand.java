package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.nativeio.IdeChannel;
import dev.odflash.nativeio.IdeDrive;
import dev.odflash.nativeio.NativeDevices;
import dev.odflash.nativeio.PortDevices;
import dev.odflash.nativeio.PortForm;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

@Command(name = "info", header = "Identify a drive, its family and flash chip, and what odflash can do with it.", mixinStandardHelpOptions = true,
        description = {"Identify a drive: INQUIRY identity, family, flash chip (JEDEC IDs), size and layout, and",
            "for backup / flash / verify how odflash would do it on this drive, or why not.",
            "With a port: form (Linux, root), --dry-run prints the IDE channel and position the form resolves to",
            "and touches nothing."})
final class InfoCommand extends BaseCommand {
    @Mixin
    DeviceOptions device;

    @Option(names = "--dry-run", description = "With a port: form: print the channel and position it resolves to; open nothing.")
    boolean dryRun;

    /** Test hook: a fake sysfs tree (with proc/ and dev/ beside it) for the port forms' resolution. */
    @Option(names = "--sysfs", hidden = true, paramLabel = "DIR")
    Path sysfs;

    InfoCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        if (dryRun) {
            return dryRun();
        }
        dev.odflash.ops.DriveProbe probe = device.probe(ctx); // a bad --family or --size ends the run before any open
        try (Device d = ctx.openDevice(device.device)) {
            DriveInfo info = probe.probe(d);
            List<Capability> caps = Capabilities.of(info, d);
            ObjectNode json = DriveReport.json(info, caps);
            String text = DriveReport.text(info, caps);
            Optional<String> path = portPath(info);
            if (path.isPresent()) {
                json.put("vendorModePath", path.get());
                text = text + (text.endsWith("\n") ? "" : "\n") + "Vendor-mode path: " + TerminalText.visible(path.get()) + "\n";
            }
            ctx.output().result(json, text);
            return ExitCode.OK;
        }
    }

    // --- issue 14 §3: which path the 8051-era vendor mode takes on this drive ---
    private ExitCode dryRun() throws OdflashException {
        if (!PortForm.isPortForm(device.device)) {
            throw OdflashException.usage("--dry-run is for the port: forms (info opens nothing else without sending"
                    + " INQUIRY)");
        }
        PortForm.Resolved r = DeviceResolver.resolvePort(device.device, PortText.roots(sysfs));
        ObjectNode json = Output.object();
        json.put("device", r.spec()).put("function", r.channel().function()).put("channel", r.channel().name())
                .put("position", r.positionName()).put("commandBase", String.format("0x%X", r.channel().commandBase()))
                .put("controlPort", String.format("0x%X", r.channel().controlPort())).put("legacy", r.channel().legacy())
                .put("driver", r.channel().driver().orElse(null))
                .put("listed", r.listed().map(IdeDrive::address).orElse(null));
        String path = PortText.identificationPath(r, device.family != null);
        json.put("identification", r.listed().isPresent() ? "atapi" : "dead-drive vendor mode").put("path", path);
        ctx.output().result(json, TerminalText.visible(r.describe()) + "\nPath: " + TerminalText.visible(path)
                + "\nNothing was opened or sent (--dry-run).\n");
        return ExitCode.OK;
    }

    /** For a drive of the mtk8051 family on Linux: the port path it takes, or why it has none. */
    private Optional<String> portPath(DriveInfo info) {
        boolean mtk8051 = info.family().filter(dev.odflash.family.ChipPaths::overTaskFile).isPresent() || device.family != null;
        if (!mtk8051 || info.emulated()) {
            return Optional.empty();
        }
        String spec = device.device;
        if (PortForm.isPortForm(spec)) {
            return Optional.of("the I/O ports of its IDE channel through /dev/port (" + spec + ")"
                    + (info.deadDrive() ? "; dead-drive vendor mode: no ATAPI answer, the rules come from the flash's"
                    + " contents and a two-pass backup comes before any write" : "; identified through ATAPI first"));
        }
        if (!NativeDevices.isLinuxNode(spec)) {
            return Optional.of("none on this OS: " + PortDevices.windowsAdvice());
        }
        for (IdeChannel c : PortDevices.channels(PortText.roots(sysfs))) {
            for (IdeDrive d : c.drives()) {
                if (d.genericNode().filter(spec::equals).isPresent() || d.blockNode().filter(spec::equals).isPresent()) {
                    return Optional.of("the port path: --device port:" + spec + " as root (" + c.describe() + ", "
                            + d.positionName() + "; the function is unbound from " + c.driver().orElse("its driver")
                            + " during the run); SG_IO carries no task-file access");
                }
            }
        }
        return Optional.of("none: the drive is not on an IDE channel (a USB bridge or AHCI does not pass task-file"
                + " register writes); connect it to a PATA or IDE-mode port, or clip the chip to an external programmer");
    }
    // --- end issue 14 §3 ---
}
