package dev.odflash.nativeio.port;

import dev.odflash.nativeio.PortSpace;
import dev.odflash.transport.TransportException;

import java.util.ArrayList;
import java.util.List;

/**
 * One channel of QEMU's PIIX IDE as its task-file registers behave (hw/ide/core.c): registers read back what was
 * written, the Device register selects master or slave, a command an ATAPI device does not take is aborted
 * (Status 0x41 DRDY|ERR, Error 0x04 ABRT), and DEVICE RESET (0x08) leaves the packet signature 0x14/0xEB in LBA
 * mid/high with Status 0x00. Every access is logged, so tests can prove no port was touched.
 */
final class FakePiix implements PortSpace {
    final int base;
    final int control;
    final boolean[] atapi = new boolean[2];
    final int[][] regs = new int[2][8];
    final int[] status = {0x50, 0x50};
    final int[] error = new int[2];
    final List<String> log = new ArrayList<>();
    int deviceControl = -1;
    boolean closed;

    FakePiix(int base, int control) {
        this.base = base;
        this.control = control;
    }

    private int selected() {
        return (regs[0][6] & 0x10) != 0 ? 1 : 0;
    }

    @Override
    public int in(int port) throws TransportException {
        int off = port - base;
        int d = selected();
        int v;
        if (off == 7) {
            v = atapi[d] ? status[d] : 0x00;
        } else if (off == 1) {
            v = error[d];
        } else if (off >= 2 && off <= 6) {
            v = regs[d][off];
        } else {
            throw new IllegalArgumentException("port " + Integer.toHexString(port));
        }
        log.add(String.format("in %X=%02X", port, v));
        return v;
    }

    @Override
    public void out(int port, int value) throws TransportException {
        log.add(String.format("out %X=%02X", port, value));
        if (port == control) {
            deviceControl = value;
            return;
        }
        int off = port - base;
        if (off == 6) {
            regs[0][6] = value; // the Device register goes to both devices
            regs[1][6] = value;
        } else if (off >= 1 && off <= 5) {
            regs[selected()][off] = value;
        } else if (off == 7) {
            int d = selected();
            if (value == 0x08 && atapi[d]) {
                regs[d][2] = 1;
                regs[d][3] = 1;
                regs[d][4] = 0x14;
                regs[d][5] = 0xEB;
                status[d] = 0x00;
                error[d] = 0x01;
            } else {
                status[d] = 0x41;
                error[d] = 0x04;
            }
        } else {
            throw new IllegalArgumentException("port " + Integer.toHexString(port));
        }
    }

    int commandsSeen() {
        return (int) log.stream().filter(l -> l.startsWith(String.format("out %X=", base + 7))).count();
    }

    @Override
    public void close() {
        closed = true;
    }
}
