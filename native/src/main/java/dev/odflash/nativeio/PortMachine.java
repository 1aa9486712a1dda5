package dev.odflash.nativeio;

import dev.odflash.nativeio.linux.LinuxDrive;
import dev.odflash.nativeio.port.DevPort;
import dev.odflash.transport.Device;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * What a port run reaches outside the process, as one value: the sysfs, /proc and /dev/port roots it reads, how a
 * PCI function is unbound and bound again, how one channel's ports are opened, how the node of a drive the kernel
 * lists is opened for its identification through SG_IO, and the clock the session's waits run on. {@link #system()}
 * is this machine's: /sys, /proc, /dev/port through {@code DevPort}, the PCI core's bind files, {@code LinuxDrive},
 * the wall clock. Every check of the session (port access, holders, the unbind seen in sysfs) runs on whatever
 * machine is given; a different machine is built only by code running in the same process (the CLI's in-process
 * tests), never from a flag, an environment variable or a file.
 */
public record PortMachine(PortDevices.Roots roots, Binder binder, PortOpener ports, NodeOpener nodes,
                          DeviceClock clock) {
    /** Unbinds and rebinds a PCI function from its driver. */
    public interface Binder {
        void unbind(String function) throws IOException;

        void bind(String function, String driver) throws IOException;
    }

    /** Opens the port space of one channel (its task-file registers and Device Control port only). */
    @FunctionalInterface
    public interface PortOpener {
        PortSpace open(IdeChannel channel) throws TransportException;
    }

    /** Opens the sg or block node of a drive the kernel lists (its ATAPI side, used before the session begins). */
    @FunctionalInterface
    public interface NodeOpener {
        Device open(String node) throws TransportException;
    }

    /** The PCI core's sysfs files (Documentation/ABI/testing/sysfs-bus-pci: driver/unbind, drivers/NAME/bind). */
    public record SysfsBinder(java.nio.file.Path sys) implements Binder {
        @Override
        public void unbind(String function) throws IOException {
            Files.write(sys.resolve("bus/pci/devices").resolve(function).resolve("driver/unbind"),
                    function.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void bind(String function, String driver) throws IOException {
            Files.write(sys.resolve("bus/pci/drivers").resolve(driver).resolve("bind"),
                    function.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** This machine: the real roots, the real bind files, /dev/port, SG_IO and the wall clock. */
    public static PortMachine system() {
        PortDevices.Roots roots = PortDevices.Roots.system();
        return new PortMachine(roots, new SysfsBinder(roots.sys()),
                channel -> DevPort.open(roots.devPort().toString(), channel.commandBase(), channel.controlPort()),
                node -> LinuxDrive.open(node, roots.sys()), DeviceClock.wall());
    }
}
