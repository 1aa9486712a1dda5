package dev.odflash.emulator.gadget;

import dev.odflash.transport.TransportException;

import java.io.IOException;

/**
 * The emulated drive gave no answer to a command the host sent through the gadget, so no CSW was written. Two cases
 * call for different things from the gadget (issue 16 §2): a stall ({@code timeout@cmd:N}, TIMEOUT) leaves the drive
 * on the bus, and the host's usb-storage times the command out and resets the device (Bulk-Only reset or a port
 * reset) while the server waits for the next CBW; a drive without power ({@code powerloss@cmd:N} and a chip-level
 * cut give NO_ANSWER, a failed image file OS_ERROR: emulator core.CommandFaults) answers nothing more in this run, so
 * the gadget leaves the bus as an unplugged drive does.
 */
public final class UnansweredCommand extends IOException {
    private final int opcode;
    private final transient TransportException why;

    UnansweredCommand(int opcode, TransportException why) {
        super("the emulated drive gave no answer (" + why.getMessage() + ")", why);
        this.opcode = opcode;
        this.why = why;
    }

    /** The operation code of the command left without a CSW. */
    public int opcode() {
        return opcode;
    }

    /** True when the drive lost power (or its storage): it answers nothing more, the gadget should leave the bus. */
    public boolean driveOff() {
        return why.kind() != TransportException.Kind.TIMEOUT;
    }

    /** The drive's own words for it (e.g. "power lost during command 31"). */
    public String drivesReason() {
        return why.getMessage();
    }
}
