package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.emulator.EmulatorProfile;
import dev.odflash.emulator.EmulatorProfiles;
import dev.odflash.emulator.EmulatorSpec;
import dev.odflash.emulator.gadget.GadgetHost;
import dev.odflash.emulator.gadget.GadgetNodes;
import dev.odflash.emulator.gadget.GadgetSetup;
import dev.odflash.emulator.gadget.UnansweredCommand;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Serves an emulated drive to this host's kernel as a USB CD/DVD drive: a configfs gadget with one FunctionFS
 * mass-storage function on dummy_hcd, the Bulk-Only loop in this process (issue 16 §1). Always removes the gadget on
 * the way out, and removes one a killed run left behind.
 */
@Command(name = "attach", header = "Serve an emulated drive to the kernel as a USB CD/DVD drive (Linux, root).",
        mixinStandardHelpOptions = true,
        description = {"Serve an emulated drive to this host's kernel as a USB mass-storage CD/DVD drive (dummy_hcd,"
                + " a configfs gadget, FunctionFS), print the /dev/sgN and /dev/srN it became, and serve until Ctrl-C or"
                + " `odflash emu detach`. The gadget is always removed on the way out.",
                "The emulated drive runs on the wall clock (burns take their real time); the spec parameter"
                        + " timescale=N (1-10000) runs it N times faster and is recorded in the --trace header.",
                "A fault= in the spec acts as on any emulated drive (README, \"Device forms\"): at timeout@cmd:N the"
                        + " drive leaves command N unanswered, the host times it out and resets the device, and"
                        + " serving goes on; when the drive loses power (powerloss@cmd:N and the chip-level cuts) the"
                        + " gadget leaves the bus at once, as an unplugged drive does, and attach ends (exit 3).",
                "Exit codes: 2 unknown profile or spec; 3 the kernel lacks dummy_hcd, FunctionFS or configfs, the"
                        + " device nodes never appeared, or the emulated drive went off (a power-cut fault; its image"
                        + " file failed); 4 not Linux, not root, or a gadget served by another"
                        + " running odflash; 130 Ctrl-C or `odflash emu detach` (SIGTERM). The gadget is removed in"
                        + " every case."})
final class EmuAttachCommand extends BaseCommand {
    /** How long the host side gets to scan the gadget (0.9 s under TCG in the research spike). */
    private static final Duration SCAN_WAIT = Duration.ofSeconds(20);

    @Parameters(index = "0", paramLabel = "PROFILE[?...]", description = "A profile as `emu profiles` prints it, with"
            + " its spec parameters (emu:mt1959-download?fault=...); emu: may be left out.")
    String profile;

    EmuAttachCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean suggestsReport() {
        return false;
    }

    @Override
    protected ExitCode execute() throws Exception {
        String spec = profile.startsWith("emu:") ? profile : "emu:" + profile;
        String name = spec.substring("emu:".length()).split("\\?", 2)[0];
        EmulatorProfile p = EmulatorProfiles.byName(name).orElseThrow(() -> OdflashException.usage(
                "unknown profile '" + TerminalText.visible(name) + "'" + DidYouMean.suffix(name, EmulatorProfiles.all()
                        .stream().map(EmulatorProfile::name).toList()) + " (see `odflash emu profiles`)"));
        spec = onTheWallClock(spec);
        GadgetHost host = GadgetHostText.host(ctx.env());
        Output out = ctx.output();
        Optional<GadgetHost.Refusal> refused = host.hostRefusal();
        if (refused.isPresent()) {
            return refuse(out, refused.get());
        }
        GadgetSetup setup = new GadgetSetup(host);
        List<String> failed = setup.loadModules();
        refused = host.kernelRefusal();
        if (refused.isPresent()) {
            if (!failed.isEmpty()) {
                out.note("modprobe failed for: " + String.join(", ", failed));
            }
            return refuse(out, refused.get());
        }
        if (setup.exists()) {
            OptionalLong pid = setup.readPid();
            if (pid.isPresent() && pid.getAsLong() != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                out.error(ExitCode.REFUSED, "emu attach: a gadget is already served by odflash PID " + pid.getAsLong()
                        + "; stop it with `odflash emu detach` first");
                return ExitCode.REFUSED;
            }
            out.note("removing the gadget a stopped run left behind");
            setup.remove();
        }
        try (Device drive = ctx.openDevice(spec)) {
            GadgetService service = new GadgetService(host.functionFs());
            ctx.interrupts().beforeHalt(() -> removeQuietly(service, setup));
            try {
                setup.create(p.vendor(), p.product(), "ODFLASH-" + Integer.toHexString(name.hashCode()));
                setup.writePid(ProcessHandle.current().pid());
                service.start(); // endpoints open and ep0 answered before the host side sees the device
                setup.bind();
                // the host scans while this thread serves: its INQUIRY and the rest arrive before the nodes exist
                NodeWatch watch = new NodeWatch(host, service, nodes -> {
                    ObjectNode json = Output.object();
                    json.put("profile", p.name()).put("sg", nodes.sg());
                    nodes.sr().ifPresent(sr -> json.put("sr", sr));
                    out.result(json, "attached emu:" + p.name() + " as " + nodes.sg()
                            + nodes.sr().map(sr -> " and " + sr).orElse("")
                            + "; serving until Ctrl-C or `odflash emu detach`\n");
                    ctx.terminal().out().flush();
                });
                watch.start();
                Optional<UnansweredCommand> off = service.serve(drive.scsi(), Duration.ofMinutes(10), () -> { },
                        served -> { }, stalled -> out.note("emu attach: the emulated drive gave no answer to command "
                                + String.format("0x%02X", stalled.opcode()) + " (it stalls: a timeout@cmd fault, or a"
                                + " drive that does not respond); the host times the command out and resets the"
                                + " device; serving goes on"));
                if (off.isPresent()) {
                    // an unplugged drive: the gadget leaves the bus now, so the host's command in flight fails at once
                    // (usb-storage disconnects) instead of waiting out its timeout for a CSW that never comes
                    removeQuietly(service, setup);
                    out.error(ExitCode.DEVICE, "emu attach: the emulated drive is off (" + off.get().drivesReason()
                            + "); the gadget left the bus and was removed. Attach the same image= again to power the"
                            + " drive on (it restarts from its flash)");
                    return ExitCode.DEVICE;
                }
                if (!watch.found()) {
                    out.error(ExitCode.DEVICE, "emu attach: the gadget was bound but no /dev/sgN appeared within "
                            + SCAN_WAIT.toSeconds() + " s (is usb-storage loaded? see dmesg); the gadget was removed");
                    return ExitCode.DEVICE;
                }
                return ExitCode.OK;
            } finally {
                removeQuietly(service, setup);
            }
        }
    }

    /**
     * Waits on a thread of its own for the nodes the kernel makes, prints them once, and stops the service when
     * none appear in time (the serving thread then returns and the gadget is removed).
     */
    private static final class NodeWatch {
        private final GadgetHost host;
        private final GadgetService service;
        private final java.util.function.Consumer<GadgetNodes> found;
        private volatile boolean seen;

        NodeWatch(GadgetHost host, GadgetService service, java.util.function.Consumer<GadgetNodes> found) {
            this.host = host;
            this.service = service;
            this.found = found;
        }

        void start() {
            Thread.ofPlatform().daemon().name("odflash-gadget-nodes").start(this::watch);
        }

        boolean found() {
            return seen;
        }

        private void watch() {
            long end = System.nanoTime() + SCAN_WAIT.toNanos();
            try {
                while (System.nanoTime() < end && !service.stopping()) {
                    Optional<GadgetNodes> nodes = GadgetNodes.find(host);
                    if (nodes.isPresent() && nodes.get().sr().isPresent()) {
                        seen = true;
                        found.accept(nodes.get());
                        return;
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Optional<GadgetNodes> last = GadgetNodes.find(host);
            if (last.isPresent()) { // an sg node without its sr: still usable, printed as it is
                seen = true;
                found.accept(last.get());
                return;
            }
            service.stop();
        }
    }

    /** Behind a real kernel the drive runs on the wall clock: timescale=1 unless the spec names one. */
    private static String onTheWallClock(String spec) {
        try {
            if (EmulatorSpec.parse(spec).params().containsKey("timescale")) {
                return spec;
            }
        } catch (IllegalArgumentException e) {
            return spec; // opening the drive words the error
        }
        return spec + (spec.contains("?") ? "&" : "?") + "timescale=1";
    }

    private static ExitCode refuse(Output out, GadgetHost.Refusal refusal) {
        ExitCode code = GadgetHostText.exitCode(refusal);
        out.error(code, GadgetHostText.words(refusal, "emu attach"));
        return code;
    }

    /** The configfs order (docs/testing.md "USB gadget"): unbind, stop the handler, then unmount and remove. */
    private static void removeQuietly(GadgetService service, GadgetSetup setup) {
        setup.unbind();
        service.stop();
        try {
            setup.remove();
        } catch (IOException e) {
            System.getLogger("dev.odflash.cli").log(System.Logger.Level.WARNING, "gadget removal: " + e);
        }
    }
}
