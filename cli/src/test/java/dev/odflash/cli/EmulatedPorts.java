package dev.odflash.cli;

import dev.odflash.nativeio.IdeChannel;
import dev.odflash.nativeio.PortSpace;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TaskFile.Register;
import dev.odflash.transport.TransportException;

import java.util.List;

/**
 * One IDE channel's I/O ports with the register-level emulated drive at one position: a write of command base + 1..6
 * is the drive's register write, + 7 its Command write, a read of + 7 its Status; the Device register goes to both
 * positions (ATA/ATAPI-6 §7.7), and with the other position selected the registers read 0 and writes go nowhere
 * (no device there). The data port (+ 0) and any port outside the channel are refused, as /dev/port's allow-list
 * refuses them. Device Control (nIEN) is logged, not forwarded: the emulated drive has no interrupt. Every access is
 * logged, so a test proves "no port was touched".
 */
final class EmulatedPorts implements PortSpace {
    private static final Register[] BY_OFFSET = {null, Register.FEATURES, Register.SECTOR_COUNT,
            Register.SECTOR_NUMBER, Register.LBA_MID, Register.LBA_HIGH, Register.DEVICE};
    private final TaskFile drive;
    private final IdeChannel channel;
    private final boolean driveHere;
    private final int position;
    private final List<String> log;
    private int selected;
    private boolean closed;

    /** @param driveHere whether the emulated drive sits on this channel (at {@code position}) */
    EmulatedPorts(TaskFile drive, IdeChannel channel, boolean driveHere, int position, List<String> log) {
        this.drive = drive;
        this.channel = channel;
        this.driveHere = driveHere;
        this.position = position;
        this.log = log;
    }

    private boolean present() {
        return driveHere && selected == position;
    }

    private int offset(int port) {
        int off = port - channel.commandBase();
        if (off < 1 || off > 7) {
            throw new IllegalArgumentException(String.format("port 0x%X is not a task-file register of this channel", port));
        }
        if (closed) {
            throw new IllegalStateException("the port space is closed");
        }
        return off;
    }

    @Override
    public int in(int port) throws TransportException {
        int v;
        if (port == channel.controlPort()) {
            v = present() ? drive.status() : 0; // Alternate Status
        } else {
            int off = offset(port);
            v = !present() ? 0 : off == 7 ? drive.status() : drive.read(BY_OFFSET[off]);
        }
        log.add(String.format("in %X=%02X", port, v));
        return v;
    }

    @Override
    public void out(int port, int value) throws TransportException {
        log.add(String.format("out %X=%02X", port, value));
        if (port == channel.controlPort()) {
            return;
        }
        int off = offset(port);
        if (off == 6) {
            selected = (value & 0x10) != 0 ? 1 : 0;
            if (driveHere) {
                drive.write(Register.DEVICE, value);
            }
        } else if (present()) {
            if (off == 7) {
                drive.command(value);
            } else {
                drive.write(BY_OFFSET[off], value);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
