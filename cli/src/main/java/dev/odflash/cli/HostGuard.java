package dev.odflash.cli;

import dev.odflash.nativeio.Battery;
import dev.odflash.nativeio.Platform;
import dev.odflash.nativeio.WriteGuard;
import dev.odflash.ops.Choice;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine kept away from a drive while `flash` writes it (docs/architecture.md "During a write"):
 * the battery gate, then native's {@link WriteGuard} for a real Linux drive. An emulated drive has no
 * block node, bridge or media polling, so it skips the guard with a note; the battery gate then runs only
 * under the hidden {@code --sysfs} test hook, so a laptop on battery still runs the test suite.
 */
final class HostGuard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.odflash.cli");
    private final Optional<WriteGuard.Held> held;

    private HostGuard(Optional<WriteGuard.Held> held) {
        this.held = held;
    }

    /** @param sysfs the hidden test hook's fake tree (with proc/ and run/ beside it), or null for the machine's */
    static HostGuard hold(AppContext ctx, Device device, boolean allowBattery, Path sysfs) throws OdflashException {
        Device d = unwrap(device);
        boolean real = !d.emulated() && Platform.current() == Platform.LINUX;
        WriteGuard.Paths paths = sysfs == null ? WriteGuard.Paths.system() : WriteGuard.Paths.besides(sysfs);
        if (real || sysfs != null) {
            battery(ctx, paths.sys(), allowBattery);
        }
        if (!real) {
            ctx.output().note("note: " + (d.emulated() ? "emulated drive" : "not Linux") + ": no logind inhibitor,"
                    + " USB runtime power, exclusive block node or media polling to hold during the write");
            return new HostGuard(Optional.empty());
        }
        try {
            Optional<WriteGuard.Held> h = WriteGuard.forDevice(d, paths);
            h.ifPresent(g -> {
                g.held().forEach(s -> LOG.log(System.Logger.Level.INFO, "during the write: " + s));
                g.lacking().forEach(s -> ctx.output().warn(s + "; going on"));
            });
            return new HostGuard(h);
        } catch (WriteGuard.Refused e) {
            throw OdflashException.refused(Gate.HOST, e.getMessage() + "; nothing was written");
        }
    }

    private static void battery(AppContext ctx, Path sys, boolean allowBattery) throws OdflashException {
        Battery b = Battery.of(sys);
        if (!b.tooLow()) {
            return;
        }
        String what = "the machine runs on battery at " + b.percent().getAsInt() + " % (below "
                + Battery.MINIMUM_PERCENT + " %): a flash cut by an empty battery can leave the drive half-written";
        if (!allowBattery) {
            throw new OdflashException(new dev.odflash.ops.Failure.Refusal(Gate.HOST, what, Choice.ALLOW_BATTERY));
        }
        ctx.output().warn(what + "; flashing anyway, as asked");
    }

    /** The drive under every layer AppContext put over it (trace, vendor-mode channel, hook, transfer limit). */
    private static Device unwrap(Device d) {
        return dev.odflash.transport.ForwardingDevice.innermost(d);
    }

    @Override
    public void close() {
        held.ifPresent(WriteGuard.Held::close);
    }
}
