package dev.odflash.nativeio.port;

import dev.odflash.nativeio.IdeChannel;
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
        ports.out(channel.commandBase() + STATUS_COMMAND, opcode & 0xFF);
    }

    @Override
    public int status() throws TransportException {
        return ports.in(channel.commandBase() + STATUS_COMMAND);
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
