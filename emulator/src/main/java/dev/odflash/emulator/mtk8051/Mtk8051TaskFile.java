package dev.odflash.emulator.mtk8051;

import dev.odflash.emulator.chip.CellSinkFailure;
import dev.odflash.emulator.chip.PowerLossException;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TransportException;

import java.time.Duration;

/**
 * The emulated 8051-era drive's task-file registers, decoded here from the register writes alone
 * (docs/protocols.md §2.6): the generic intro (SN 0x2A, Command 0x80) answered with the backend's signature (0x70
 * parallel, 0x72/0x73 serial), its vendor commands ({@link JedecBackend}, {@link SpiMailbox}), the outro 0x81 and
 * DEVICE RESET 0x08. SN 0x2E with Command
 * 0x80 (the LiteOn-Erase key) erases the firmware, and counts as a write. Each Command write is one command for
 * the fault plan; each register access costs about 1 µs of virtual time (inference: a port access).
 */
final class Mtk8051TaskFile implements TaskFile {
    static final long ACCESS_NANOS = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // what the host waits for an answer
    private static final int IDLE = 0x50;
    private static final int ABORTED = 0x51;

    enum Intro { ALWAYS, WINDOW, NEVER }

    private final Mtk8051Drive drive;
    private final VendorBackend backend;
    private final Intro intro;
    private final int[] regs = new int[8];
    private int status = IDLE;
    private boolean vendor;
    private boolean stuckBusy;
    private boolean garbageSn;
    private long writes;
    private long poweredOnAt;
    private long firstWrite = -1;
    private long lastWrite = -1;

    Mtk8051TaskFile(Mtk8051Drive drive, VendorBackend backend, Intro intro) {
        this.drive = drive;
        this.backend = backend;
        this.intro = intro;
    }

    /** The first and last command number whose execution reached the chip with an erase or program; -1 before. */
    long firstWriteCommand() {
        return firstWrite;
    }

    long lastWriteCommand() {
        return lastWrite;
    }

    private void wrote(long command) {
        firstWrite = firstWrite < 0 ? command : firstWrite;
        lastWrite = command;
    }

    long writeCommands() {
        return writes + backend.operations();
    }

    /** Power failed at {@code atNanos}: the chip's running operation (if any) is cut, not finished. */
    void powerCut(long atNanos) {
        backend.powerCut(atNanos);
    }

    boolean chipBusy() {
        return backend.busy();
    }

    /** A bus reset or a power-on: vendor mode is gone. */
    void reset() {
        vendor = false;
        status = IDLE;
    }

    void poweredOn() {
        poweredOnAt = drive.virtualClock().nanos();
    }

    private void tick() {
        drive.virtualClock().advance(ACCESS_NANOS);
    }

    @Override
    public void write(Register register, int value) {
        tick();
        regs[register.offset()] = value & 0xFF;
    }

    @Override
    public int read(Register register) {
        tick();
        if (register == Register.SECTOR_NUMBER && garbageSn) {
            garbageSn = false;
            return regs[register.offset()] ^ 0x5A;
        }
        return regs[register.offset()];
    }

    @Override
    public int status() {
        tick();
        return stuckBusy ? 0xD0 : status;
    }

    /** The virtual clock charges a fixed time per access: the gap between two accesses is bounded. */
    @Override
    public Pacing pacing() {
        return Pacing.BOUNDED;
    }

    @Override
    public DeviceClock clock() {
        return drive.virtualClock();
    }

    @Override
    public void command(int opcode) throws TransportException {
        tick();
        stuckBusy = false;
        drive.beginCommand(String.format("task-file command 0x%02X", opcode), TIMEOUT);
        long n = drive.commands();
        if (drive.faultPlan().busyAt(n)) {
            stuckBusy = true;
        }
        if (drive.faultPlan().garbageAt(n)) {
            garbageSn = true;
        }
        if (drive.faultPlan().modeLostAt(n)) {
            vendor = false;
        }
        int sn = regs[Register.SECTOR_NUMBER.offset()];
        if (opcode == 0x08) { // DEVICE RESET: the drive restarts from what its flash holds
            reset();
            regs[Register.LBA_MID.offset()] = 0x14;
            regs[Register.LBA_HIGH.offset()] = 0xEB;
            drive.powerOn();
            return;
        }
        if (opcode == 0x80 && sn == 0x2E) {
            eraseFirmware();
            return;
        }
        if (!vendor) {
            drive.dropVendor("vendor intro", TIMEOUT); // a bridge that drops vendor commands never lets it start
            if (opcode == 0x80 && sn == 0x2A && introAccepted()) {
                vendor = true;
                status = backend.signature();
            } else {
                status = ABORTED;
            }
            return;
        }
        long before = backend.operations();
        try {
            if (opcode == 0x81) {
                reset();
            } else if (!backend.command(opcode, regs)) {
                status = ABORTED;
            }
            if (backend.operations() != before) {
                wrote(n);
            }
        } catch (PowerLossException e) {
            drive.virtualClock().advance(drive.chip().takeOperationNanos()); // the part of the operation that ran
            throw drive.powerLost("power lost during " + e.getMessage());
        } catch (CellSinkFailure e) {
            throw new TransportException(TransportException.Kind.OS_ERROR, e.forHost("vendor command"), 0, e);
        }
    }

    private boolean introAccepted() {
        return switch (intro) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WINDOW -> drive.virtualClock().nanos() - poweredOnAt < 1_000_000_000L;
        };
    }

    /** LiteOn-Erase: the firmware is gone, no backup possible (docs/protocols.md §2.6.2). */
    private void eraseFirmware() {
        writes++;
        drive.chip().erase(0, (int) drive.chip().spec().size());
        status = ABORTED;
    }
}
