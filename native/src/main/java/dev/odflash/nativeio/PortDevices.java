package dev.odflash.nativeio;

import dev.odflash.nativeio.linux.Libc;
import dev.odflash.nativeio.linux.LinuxDrive;
import dev.odflash.nativeio.port.FunctionLock;
import dev.odflash.nativeio.port.PortDevice;
import dev.odflash.nativeio.port.PortEnvironment;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Linux raw port path's facade (docs/architecture.md "Contracts", the {@code port:} forms): the IDE channel
 * scan, whether port access is possible, what a form resolves to, and opening a drive through /dev/port.
 */
public final class PortDevices {
    /** The roots a port run reads and changes; tests give a fake tree. */
    public record Roots(Path sys, Path proc, Path devPort) {
        public static Roots system() {
            return new Roots(Path.of("/sys"), Path.of("/proc"), Path.of("/dev/port"));
        }
    }

    private PortDevices() {
    }

    public static List<IdeChannel> channels(Roots roots) {
        return IdeChannelScan.scan(roots.sys());
    }

    public static PortAccess access(Roots roots) {
        return PortAccessCheck.of(roots.proc(), roots.sys(), roots.devPort());
    }

    public static PortForm.Resolved resolve(String spec, Roots roots) throws PortForm.Unresolved {
        if (Platform.current() != Platform.LINUX) {
            throw new PortForm.Unresolved(spec + ": port access exists on Linux only; " + windowsAdvice());
        }
        return PortForm.resolve(spec, channels(roots));
    }

    /** Why Windows has no port path, and what to use instead. */
    public static String windowsAdvice() {
        return "Windows gives no program port access without a signed kernel driver, and odflash ships none:"
                + " use an external programmer on the clipped chip, or boot FreeDOS and use mtkflash";
    }

    /**
     * Opens the drive a resolved form names on {@code machine} ({@link PortMachine#system()} for this machine); holds
     * the function's lock until the close. {@code inquirer} asks the drive INQUIRY after the rebind (the caller owns
     * the SCSI commands).
     */
    public static Device open(PortForm.Resolved target, PortMachine machine, PortInquirer inquirer)
            throws TransportException {
        return open(target, PortEnvironment.of(machine, inquirer), machine.nodes());
    }

    /** Opens with an environment of the caller's (tests: a fake sysfs, an in-memory port space). */
    public static Device open(PortForm.Resolved target, PortEnvironment env) throws TransportException {
        return open(target, env, node -> LinuxDrive.open(node, env.sys()));
    }

    private static Device open(PortForm.Resolved target, PortEnvironment env, PortMachine.NodeOpener nodes)
            throws TransportException {
        Path fn = env.sys().resolve("bus/pci/devices").resolve(target.channel().function());
        FunctionLock lock = FunctionLock.acquire(fn, Libc.get());
        try {
            Device live = null;
            if (target.listed().isPresent()) {
                IdeDrive d = target.listed().get();
                String node = d.genericNode().or(d::blockNode).orElseThrow(() -> new TransportException(Kind.NO_DEVICE,
                        target.spec() + ": the kernel lists " + d.address() + " with no sg or block node"));
                live = nodes.open(node);
            }
            return new PortDevice(target, env, lock, live);
        } catch (TransportException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Why a port device's session was refused, when it was (the refusal a probe may have turned into a warning). */
    public static Optional<TransportException> refusal(Device device) {
        return device instanceof PortDevice p ? p.refusal() : Optional.empty();
    }

    /** How a port device's session ended, once it is closed; empty for other devices or a session never begun. */
    public static Optional<PortEnding> ending(Device device) {
        return device instanceof PortDevice p ? p.ending() : Optional.empty();
    }
}
