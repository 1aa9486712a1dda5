package dev.odflash.nativeio.port;

import dev.odflash.nativeio.PortInquirer;
import dev.odflash.nativeio.PortMachine;
import dev.odflash.transport.DeviceClock;

import java.nio.file.Path;

/**
 * What a port session reads and changes outside itself, given as one value so tests replace each part: the sysfs
 * and /proc roots, /dev/port, how a PCI function is unbound and rebound, how the port space is opened, how the
 * drive is asked INQUIRY after the rebind, and the clock the waits run on.
 */
public record PortEnvironment(Path sys, Path proc, Path devPort, PortMachine.Binder binder,
                              PortMachine.PortOpener opener, PortInquirer inquirer, DeviceClock clock) {
    /** A machine's parts, with the caller's INQUIRY after the rebind. */
    public static PortEnvironment of(PortMachine machine, PortInquirer inquirer) {
        return new PortEnvironment(machine.roots().sys(), machine.roots().proc(), machine.roots().devPort(),
                machine.binder(), machine.ports(), inquirer, machine.clock());
    }
}
