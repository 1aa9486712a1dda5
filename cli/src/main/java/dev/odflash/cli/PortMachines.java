package dev.odflash.cli;

import dev.odflash.nativeio.PortMachine;

/**
 * The machine the {@code port:} forms reach: this one ({@link PortMachine#system()}: /sys, /proc, /dev/port, the
 * PCI bind files, SG_IO), unless code in this package runs the CLI inside a binding of {@link #IN_PROCESS} (the
 * in-process tests: a fake sysfs and the register-level emulated drive behind a port space).
 *
 * <p>Why this cannot bypass a check on a real system: a scoped value is bound only by a call of
 * {@code ScopedValue.where(IN_PROCESS, ...)} made by Java code in this package, for the extent of that call; the
 * launcher ({@link Main}) binds none, and no flag, environment variable, system property or file leads to a binding.
 * Reaching it takes running one's own Java code inside the odflash process, which could open /dev/port itself. And
 * a machine given here changes only what the session reads and touches, never which checks it runs: port access,
 * the holder refusal and the unbind seen in sysfs are checked on it as on the real one.
 */
final class PortMachines {
    static final ScopedValue<PortMachine> IN_PROCESS = ScopedValue.newInstance();

    private PortMachines() {
    }

    static PortMachine current() {
        return IN_PROCESS.isBound() ? IN_PROCESS.get() : PortMachine.system();
    }
}
