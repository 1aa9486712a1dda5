package dev.odflash.cli;

import dev.odflash.gui.DriveEntry;
import dev.odflash.gui.GuiHost;
import dev.odflash.nativeio.DiscoveredDrive;
import dev.odflash.nativeio.OpticalDriveScan;
import dev.odflash.ops.BackupLibrary;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.status.KnownImage;
import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.transport.Device;
import dev.odflash.transport.ForwardingDevice;
import dev.odflash.transport.UserActions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The GUI's host, built by the composition root: the drives `list` finds plus the ones named at start,
 * opened by {@link AppContext#openDevice} (the resolver and layers of every command), probed with the
 * tables every command uses. A drive node the user may not open read-write gets the exact command that
 * gives access instead of a probe (the GUI runs as the user, never as root).
 */
final class CliGuiHost implements GuiHost {
    private final AppContext ctx;
    private final List<String> named;

    CliGuiHost(AppContext ctx, List<String> named) {
        this.ctx = ctx;
        this.named = List.copyOf(named);
    }

    @Override
    public List<DriveEntry> discover() {
        List<DriveEntry> out = new ArrayList<>();
        for (String spec : named) {
            out.add(new DriveEntry(spec, spec, spec.startsWith("emu:") ? "emulated" : "as given"));
        }
        for (DiscoveredDrive d : OpticalDriveScan.scan()) {
            String node = d.preferredNode();
            if (named.contains(node)) {
                continue;
            }
            out.add(new DriveEntry(node, d.vendor() + " " + d.product() + " " + d.revision(), d.bus().description(),
                    access(node)));
        }
        return out;
    }

    /**
     * Read-write on the sg node is what vendor commands need; without it the fix is the node's group
     * (cdrom on Debian and Ubuntu, optical on Arch), joined once.
     */
    static Optional<String> access(String node) {
        Path p = Path.of(node);
        if (!node.startsWith("/dev/") || !Files.exists(p) || (Files.isReadable(p) && Files.isWritable(p))) {
            return Optional.empty();
        }
        String group;
        try {
            group = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            group = "cdrom";
        }
        return Optional.of("no read-write access to " + node + ": run  sudo usermod -aG " + group
                + " \"$USER\"  then log out and in again");
    }

    @Override
    public Device open(String spec, UserActions user) throws OdflashException {
        Device d = ctx.openDevice(spec, opened -> new EmulatorPlaysUser(user, opened));
        if (!tracing) {
            return d;
        }
        GuiTrace t = new GuiTrace(TRACE_LIMIT);
        try {
            Device traced = new dev.odflash.transport.trace.TracingDevice(d, new dev.odflash.transport.trace.TraceWriter(t));
            lastTrace = t;
            return traced;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private volatile boolean tracing;
    private volatile GuiTrace lastTrace;

    @Override
    public void recordTrace(boolean on) {
        tracing = on;
    }

    @Override
    public String lastTrace() {
        GuiTrace t = lastTrace;
        return t == null ? "" : t.text();
    }

    /**
     * The GUI's prompt, and on an emulated drive the emulator plays the user who was asked and switches the drive
     * off and on itself, as the CLI's PowerCyclePrompt does (so `odflash gui --device emu:...?intro=window` works).
     */
    record EmulatorPlaysUser(UserActions gui, Device drive) implements UserActions {
        @Override
        public boolean ask(Action action, Duration wait) {
            boolean asked = gui.ask(action, wait);
            if (asked && action == Action.POWER_CYCLE
                    && ForwardingDevice.innermost(drive) instanceof EmulatedDrive emulated) {
                emulated.powerCycle();
            }
            return asked;
        }

        @Override
        public boolean cancelled() {
            return gui.cancelled();
        }
    }

    @Override
    public DriveProbe probe() throws OdflashException {
        return new DriveProbe(ctx.chips(), ctx.drives(), Optional.empty(), java.util.OptionalLong.empty());
    }

    @Override
    public BackupLibrary library() {
        return ctx.library();
    }

    @Override
    public Clock clock() {
        return ctx.clock();
    }

    @Override
    public List<KnownImage> knownImages(String spec, DriveInfo info) {
        return KnownImages.forDrive(spec, info);
    }

    @Override
    public Path saveReport(String spec, Path directory) throws OdflashException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw OdflashException.usage("directory " + directory + " does not exist");
        }
        try {
            return new ReportWriter(ctx, spec, directory, true).write().path();
        } catch (IOException e) {
            throw OdflashException.usage("cannot write the report into " + directory + ": " + e.getMessage());
        }
    }

    /** Doctor's own checks over every drive the OS shows; a drive is opened with nobody to ask (no terminal prompt). */
    @Override
    public List<dev.odflash.doctor.Check> doctor() throws OdflashException {
        return new DoctorChecks(ctx, spec -> ctx.openDevice(spec, opened -> UserActions.NONE)).run(null, null, null);
    }
}
