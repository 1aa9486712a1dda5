package dev.odflash.nativeio.port;

import dev.odflash.nativeio.IdeChannel;
import dev.odflash.nativeio.PortSpace;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;

/**
 * The task-file registers of one drive on one channel, one port access each (ATA/ATAPI-6 §7: command block
 * registers at base + 1..7, Device Control at the control port). Writes of the Device register keep the DEV bit
 * (bit 4) of the drive's position whatever the caller wrote, so the vendor mode never addresses the other drive
 * on the channel.
 */
public final class PortTaskFile implements TaskFile {
    /** Offsets in the command block (ATA/ATAPI-6 §7.1). */
    static final int ERROR = 1;
    static final int STATUS_COMMAND = 7;
    static final int DEV_BIT = 0x10;
    /** Device Control: nIEN (bit 1) masks the drive's interrupt; the kernel's handler is gone while unbound. */
    static final int NIEN = 0x02;

    private final PortSpace ports;
    private final IdeChannel channel;
    private final int position;
    private final DeviceClock clock;
    private int commands;
    private int lastOpcode = -1;
    private boolean answerSeen = true;
    private final java.util.List<String> refusals = new java.util.ArrayList<>();
    private final java.util.List<Integer> opcodes = new java.util.ArrayList<>();

    public PortTaskFile(PortSpace ports, IdeChannel channel, int position, DeviceClock clock) {
        this.ports = ports;
        this.channel = channel;
        this.position = position;
        this.clock = clock;
    }

    @Override
    public void write(Register register, int value) throws TransportException {
        int v = value & 0xFF;
        if (register == Register.DEVICE) {
            v = (v & ~DEV_BIT) | (position == 1 ? DEV_BIT : 0);
        }
        ports.out(channel.commandBase() + register.offset(), v);
    }

    @Override
    public void command(int opcode) throws TransportException {
        commands++;
        if (opcodes.size() < 32) {
            opcodes.add(opcode & 0xFF);
        }
        ports.out(channel.commandBase() + STATUS_COMMAND, opcode & 0xFF);
        lastOpcode = opcode & 0xFF;
        answerSeen = false;
    }

    /**
     * Reads Status. The first Status after a command that shows ERR with BSY clear and is no vendor-mode signature
     * is a refusal by a normal ATA device: its Error register (a read without side effects, ATA/ATAPI-6 §7.9) is
     * read once and kept, so the user sees both values (QEMU's ATAPI drive answers the intro with 0x41 / 0x04).
     */
    @Override
    public int status() throws TransportException {
        int status = ports.in(channel.commandBase() + STATUS_COMMAND);
        if (!answerSeen && (status & 0x80) == 0) {
            answerSeen = true;
            boolean signature = status == 0x70 || status == 0x72 || status == 0x73;
            if ((status & 0x01) != 0 && !signature && refusals.size() < 16) {
                int error = error();
                refusals.add(String.format("Command 0x%02X answered with Status 0x%02X, Error 0x%02X%s", lastOpcode,
                        status, error, (error & 0x04) != 0 ? " (ABRT: the drive aborted the command)" : ""));
            }
        }
        return status;
    }

    /** The first 32 opcodes written to the Command register, in order. */
    public java.util.List<Integer> opcodes() {
        return java.util.List.copyOf(opcodes);
    }

    /** The refusals seen (at most 16), in order. */
    public java.util.List<String> refusals() {
        return java.util.List.copyOf(refusals);
    }

    /** Reads a register back; {@link Register#FEATURES}'s port reads as the Error register. */
    @Override
    public int read(Register register) throws TransportException {
        return ports.in(channel.commandBase() + register.offset());
    }

    public int error() throws TransportException {
        return ports.in(channel.commandBase() + ERROR);
    }

    /** Sets Device Control (nIEN for the session); the SRST bit is never set here. */
    public void deviceControl(int value) throws TransportException {
        ports.out(channel.controlPort(), value & ~0x04 & 0xFF);
    }

    /** Writes of the Command register so far. */
    public int commands() {
        return commands;
    }

    @Override
    public DeviceClock clock() {
        return clock;
    }
}
