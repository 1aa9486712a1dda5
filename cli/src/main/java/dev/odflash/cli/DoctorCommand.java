package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.nativeio.Check;
import dev.odflash.nativeio.HostChecks;
import dev.odflash.nativeio.Platform;
import dev.odflash.nativeio.VendorProbe;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.InquiryData;
import dev.odflash.protocol.ScsiCommandException;
import dev.odflash.protocol.Spc;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "doctor", header = "Check what odflash needs to reach a drive and what to do about each failure.", mixinStandardHelpOptions = true,
        description = {"Check, in order, what odflash needs to reach a drive and say what to do about each failure:",
            "JDK and native access; device nodes; permission; sg driver; INQUIRY; TEST UNIT READY; whether a",
            "documented harmless vendor read reaches drives of a known family; and which path odflash would use",
            "for each family. Without --device every drive the OS shows is checked.",
            "Exit 0: no check failed (warnings allowed); 3: a check failed; 2: bad --device spec."})
final class DoctorCommand extends BaseCommand {
    @Option(names = {"-d", "--device"}, paramLabel = "SPEC", description = "Check only this drive (/dev/sgN, /dev/srN,"
            + " \\\\.\\CdRomN, emu:<profile>...).")
    String device;

    /** Test hook: a fake sysfs tree instead of /sys. */
    @Option(names = "--sysfs", hidden = true, paramLabel = "DIR")
    Path sysfs;

    DoctorCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        boolean emulated = device != null && EmulatorSpec.isEmulator(device);
        List<String> targets = new ArrayList<>();
        Platform platform = sysfs != null ? Platform.LINUX : Platform.current();
        if (emulated) {
            checks.add(Check.skip("platform", device, "emulated drive: no OS pass-through involved"));
            targets.add(device);
        } else if (platform == Platform.LINUX) {
            checks.add(Check.ok("platform", "", "Linux: SG_IO through /dev/sgN and /dev/srN"));
            HostChecks.Outcome host = new HostChecks(sysfs != null ? sysfs : Path.of("/sys")).run(device);
            checks.addAll(host.checks());
            targets.addAll(host.targets());
        } else if (platform == Platform.WINDOWS) {
            checks.add(Check.warn("platform", "", "Windows: SPTI through \\\\.\\CdRomN (untested on real Windows)",
                    "report what works and what does not"));
            if (device != null) {
                targets.add(device);
            } else {
                dev.odflash.nativeio.OpticalDriveScan.scan().forEach(d -> targets.add(d.preferredNode()));
            }
        } else {
            checks.add(Check.fail("platform", "", System.getProperty("os.name") + ": odflash has no OS pass-through"
                    + " here", "use Linux or Windows for real drives; emulated drives work everywhere"));
        }
        List<DriveFamily> seen = new ArrayList<>();
        for (String target : targets) {
            drive(target, checks, seen);
        }
        for (DriveFamily f : DriveFamily.values()) {
            checks.add(Check.info("path " + f.word(), seen.contains(f) ? "this drive" : "", path(f)));
        }
        boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
        ExitCode code = failed ? ExitCode.DEVICE : ExitCode.OK;
        ctx.output().result(json(checks, code), text(checks, code));
        return code;
    }

    /** The family's path in the words `info` uses: both come from Capabilities. */
    private static String path(DriveFamily family) {
        List<dev.odflash.ops.Capability> caps = Capabilities.ofFamily(family);
        if (caps.stream().map(dev.odflash.ops.Capability::how).distinct().count() == 1) {
            return (caps.getFirst().available() ? "" : "none: ") + caps.getFirst().how();
        }
        return String.join("; ", caps.stream()
                .map(c -> c.operation() + ": " + (c.available() ? "" : "no, ") + c.how()).toList());
    }

    private static Check java() {
        int feature = Runtime.version().feature();
        boolean nativeAccess = DoctorCommand.class.getModule().isNativeAccessEnabled();
        String detail = "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")";
        if (feature < 25) {
            return Check.fail("java", "", detail, "install a JDK 25 and set JAVA_HOME");
        }
        if (!nativeAccess) {
            return Check.warn("java", "", detail + "; native access not enabled (the JDK prints a warning and a later"
                    + " JDK will refuse)", "run through the odflash launcher, or add --enable-native-access=ALL-UNNAMED");
        }
        return Check.ok("java", "", detail + ", native access enabled");
    }

    private void drive(String target, List<Check> checks, List<DriveFamily> seen) throws OdflashException {
        // the same open as every command, so --trace records what doctor sends
        try (Device d = ctx.openDevice(target)) {
            Spc spc = new Spc(d.scsi());
            InquiryData inq;
            try {
                inq = spc.inquiry(36);
            } catch (ScsiCommandException e) {
                checks.add(Check.fail("INQUIRY", target, e.getMessage(), "the drive answers but refuses INQUIRY:"
                        + " power-cycle it; if it stays so, its firmware may be damaged"));
                return;
            }
            checks.add(Check.ok("INQUIRY", target, inq.identity() + ", peripheral type " + inq.peripheralType()
                    + (inq.peripheralType() == InquiryData.TYPE_CD_DVD ? " (CD/DVD)" : " (not an optical drive)")));
            Optional<SenseData> notReady = spc.testUnitReady();
            checks.add(notReady.map(s -> s.asc() == 0x3A || s.key() == SenseData.UNIT_ATTENTION
                            ? Check.ok("TEST UNIT READY", target, "answered: " + s.describe()
                            + (s.asc() == 0x3A ? " (normal without a disc; flashing needs an empty drive)" : ""))
                            : Check.warn("TEST UNIT READY", target, "answered: " + s.describe(),
                            "wait until the drive is idle, then run doctor again"))
                    .orElse(Check.ok("TEST UNIT READY", target, "ready (a disc is in the drive; flashing needs it empty)")));
            Optional<DriveModel> model = ctx.drives().lookup(inq.vendor(), inq.product());
            if (model.isEmpty()) {
                checks.add(Check.skip("vendor probe", target, "unknown drive (not in the drive table): no vendor"
                        + " command is sent (safety rule 1)"));
                return;
            }
            DriveFamily family = model.get().family();
            seen.add(family);
            checks.add(vendorProbe(d, target, family));
        } catch (TransportException e) {
            checks.add(Check.fail("INQUIRY", target, "no answer: " + e.getMessage(), fixFor(e)));
        } catch (OdflashException e) {
            boolean busy = e.getCause() instanceof TransportException t && t.kind() == TransportException.Kind.BUSY;
            if (OutcomeText.exitCode(e.failure()) != ExitCode.DEVICE && !busy) {
                throw e; // a bad spec or a refused --trace file is the run's error, not the drive's
            }
            checks.add(Check.fail("INQUIRY", target, OutcomeText.message(e.failure()), e.getCause() instanceof TransportException t
                    ? fixFor(t) : "check the cable or USB connection and power-cycle the drive"));
        }
    }

    private static Check vendorProbe(Device d, String target, DriveFamily family) {
        Optional<VendorProbe> probe = VendorProbe.forFamily(family);
        if (probe.isEmpty()) {
            String why = family.word() + ": " + VendorProbe.noneReason(family);
            if (d.chipChannel().isEmpty()) {
                return Check.skip("vendor probe", target, why);
            }
            ChipChannel channel = d.chipChannel().get();
            try {
                channel.enter();
                try {
                    return Check.ok("vendor probe", target, why + "; the modelled vendor-mode channel answered, chip"
                            + " JEDEC " + channel.readId());
                } finally {
                    channel.leave();
                }
            } catch (TransportException e) {
                return Check.fail("vendor probe", target, "vendor mode dropped on the way: " + e.getMessage(),
                        "connect the drive to a SATA/IDE port directly instead of through a USB bridge");
            }
        }
        VendorProbe p = probe.get();
        try (Arena arena = Arena.ofConfined()) {
            ScsiResult r = d.scsi().execute(ScsiRequest.in(p.cdb(), d.scsi().allocate(arena, p.length())));
            return Check.ok("vendor probe", target, p.name() + " (" + p.source() + ") reached the drive: "
                    + (r.isGood() ? "data returned" : r.describe()));
        } catch (TransportException e) {
            return Check.fail("vendor probe", target, p.name() + " did not reach the drive: " + e.getMessage(),
                    e.kind() == TransportException.Kind.PERMISSION ? fixFor(e)
                            : "a USB bridge or the driver drops vendor commands: connect the drive to a SATA/IDE port");
        }
    }

    private static String fixFor(TransportException e) {
        return switch (e.kind()) {
            case PERMISSION -> "see the message: join the owning group, add the udev rule, or run with sudo";
            case BUSY -> "close burning software and media players, unmount the disc, wait for another odflash";
            case NOT_SCSI -> "use the drive's /dev/sgN or /dev/srN node (`odflash list`)";
            case TIMEOUT, NO_ANSWER -> "power-cycle the drive and check the cable or USB connection";
            default -> "run again with --debug and report it";
        };
    }

    private static ObjectNode json(List<Check> checks, ExitCode code) {
        ObjectNode o = Output.object();
        o.put("passed", code == ExitCode.OK);
        o.put("exitCode", code.code());
        if (code != ExitCode.OK) {
            // the contract's error object, beside the report that says which check failed and what to do
            long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
            o.putObject("error").put("exitCode", code.code()).put("kind", code.kind())
                    .put("message", failed + " check" + (failed == 1 ? "" : "s") + " failed; see \"checks\"");
        }
        ArrayNode a = o.putArray("checks");
        for (Check c : checks) {
            a.addObject().put("check", c.name()).put("target", c.target()).put("status", c.status().word())
                    .put("detail", c.detail()).put("fix", c.fix());
        }
        return o;
    }

    private static String text(List<Check> checks, ExitCode code) {
        StringBuilder sb = new StringBuilder();
        for (Check c : checks) {
            sb.append(String.format("%-5s %-16s %s%s%n", c.status().word(), visible(c.name()),
                    c.target().isEmpty() ? "" : visible(c.target()) + ": ", visible(c.detail())));
            if (!c.fix().isEmpty()) {
                sb.append(String.format("      %-16s fix: %s%n", "", visible(c.fix())));
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        sb.append(failed == 0 ? "No problems found.\n" : failed + " check(s) failed (exit " + code.code() + ").\n");
        return sb.toString();
    }
}
