package dev.odflash.cli;

import dev.odflash.emulator.EmulatedDrive;
import dev.odflash.transport.Device;
import dev.odflash.transport.ForwardingDevice;
import dev.odflash.transport.UserActions;

import java.time.Duration;

/**
 * The CLI's words for what the vendor-mode engine asks the user to do (docs/protocols.md §2.6.2): with a terminal it
 * asks for a power cycle and lets the engine keep sending the intro; without one it answers that nobody can act, and
 * the engine's error carries the instruction (exit 3). On an emulated drive the emulator plays the user and switches
 * the drive off and on itself, so the wait is tested end to end.
 */
final class PowerCyclePrompt implements UserActions {
    private final Terminal terminal;
    private final Device drive;

    PowerCyclePrompt(Terminal terminal, Device drive) {
        this.terminal = terminal;
        this.drive = drive;
    }

    @Override
    public boolean ask(Action action, Duration wait) {
        if (action != Action.POWER_CYCLE || !terminal.interactive()) {
            return false;
        }
        terminal.err().println("The drive did not take the vendor intro; many 8051-era drives take it only within about"
                + " a second of power-on. Power-cycle the drive now (switch it off and on): odflash keeps sending the"
                + " intro for up to " + wait.toSeconds() + " s (Ctrl-C stops).");
        terminal.err().flush();
        if (ForwardingDevice.innermost(drive) instanceof EmulatedDrive emulated) {
            emulated.powerCycle();
        }
        return true;
    }
}
