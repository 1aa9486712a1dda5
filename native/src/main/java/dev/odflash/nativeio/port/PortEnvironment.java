package dev.odflash.nativeio.port;

import dev.odflash.nativeio.IdeChannel;
import dev.odflash.nativeio.PortInquirer;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a port session reads and changes outside itself, given as one value so tests replace each part: the sysfs
 * and /proc roots, /dev/port, how a PCI function is unbound and rebound, how the port space is opened, how the
 * drive is asked INQUIRY after the rebind, and the clock the waits run on.
 */
public record PortEnvironment(Path sys, Path proc, Path devPort, Binder binder, PortOpener opener, PortInquirer inquirer,
                              DeviceClock clock) {
    /** Unbinds and rebinds a PCI function from its driver through sysfs. */
    public interface Binder {
        void unbind(String function) throws IOException;

        void bind(String function, String driver) throws IOException;
    }

    /** Opens the port space of one channel. */
    public interface PortOpener {
        PortSpace open(IdeChannel channel) throws TransportException;
    }

    /** The PCI core's sysfs files (Documentation/ABI/testing/sysfs-bus-pci: driver/unbind, drivers/NAME/bind). */
    public record SysfsBinder(Path sys) implements Binder {
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
}
