package dev.odflash.family.mtk8051;

import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TaskFile.Register;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.UserActions;

import java.time.Duration;

/**
 * The vendor mode of an 8051-era MTK drive over its task-file registers (docs/protocols.md §2.6): the intro with one
 * key set, the byte-wide read and write commands (address in LBA mid/high and the Device low nibble, data in SN), and
 * the outro. Every poll is bounded by a count and by time. The intro writes SN, reads it back, and writes the Command
 * only when SN holds the chosen key, so no path, retry or re-entry can send another key (Safety: the LiteOn-Erase
 * key SN 0x2E erases the firmware).
 */
final class VendorMode {
    /** JungleFlasher allows 327,680 Status reads per command (docs/protocols.md §2.6.3). */
    static final int MAX_POLLS = 327_680;
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Intro attempts before giving up; each re-sends the same key. */
    static final int INTRO_ATTEMPTS = 8;
    static final int READ_BYTE = 0x00;
    static final int WRITE_BYTE = 0x01;
    static final int DEVICE_RESET = 0x08;
    /** The Device register value selecting the master (the slave would be 0xB0). */
    static final int MASTER = 0xA0;

    /** The drive answered a byte command with a value that is neither its signature nor busy: it left vendor mode. */
    static final class ModeLost extends Exception {
        ModeLost(String message) {
            super(message);
        }
    }

    /** JungleFlasher waits up to 200 s for a signature after asking for a power cycle (docs/protocols.md §2.6.2). */
    static final Duration POWER_CYCLE_WAIT = Duration.ofSeconds(200);
    /** Between two intros while the user power-cycles the drive (inference: often enough to hit the first second). */
    static final Duration RESEND_PAUSE = Duration.ofMillis(500);

    private final TaskFile registers;
    private final VendorKey key;
    private final int select;
    private final UserActions user;
    private int signature = -1;

    VendorMode(TaskFile registers, VendorKey key, int select) {
        this(registers, key, select, UserActions.NONE);
    }

    VendorMode(TaskFile registers, VendorKey key, int select, UserActions user) {
        this.registers = registers;
        this.key = key;
        this.select = select;
        this.user = user;
    }

    DeviceClock clock() {
        return registers.clock();
    }

    /** The signature the intro was answered with (0x70, 0x72 or 0x73); -1 before. */
    int signature() {
        return signature;
    }

    /**
     * Sends the intro until the drive answers with a signature, at most {@link #INTRO_ATTEMPTS} times. When it still
     * answers "not yet" (0x80, 0x7F, 0x51), the user is asked to power-cycle the drive and the same intro is re-sent
     * for up to {@link #POWER_CYCLE_WAIT}; with nobody to ask, the message says what to do.
     */
    void enter() throws TransportException {
        int last = introAttempts(INTRO_ATTEMPTS);
        if (VendorStatus.signature(last)) {
            return;
        }
        if (VendorStatus.notYet(last) && user.ask(UserActions.Action.POWER_CYCLE, POWER_CYCLE_WAIT)) {
            long deadline = clock().elapsed().plus(POWER_CYCLE_WAIT).toNanos();
            while (clock().elapsed().toNanos() < deadline && !user.cancelled()) {
                last = introAttempts(1);
                if (VendorStatus.signature(last) || !VendorStatus.notYet(last)) {
                    break;
                }
                clock().sleep(RESEND_PAUSE);
            }
            if (VendorStatus.signature(last)) {
                return;
            }
        }
        String what = "not in vendor mode: the intro (SN " + String.format("0x%02X, Command 0x%02X", key.sectorNumber(),
                key.opcode()) + ") was answered with " + VendorStatus.describe(last);
        if (user.cancelled()) {
            what += "; the wait for the power cycle was cancelled";
        } else if (VendorStatus.notYet(last)) {
            what += "; many 8051-era drives take it only within about a second of power-on: power-cycle the drive"
                    + " (switch it off and on) and run the command again, or run it where odflash can ask you to"
                    + " (a terminal), and it re-sends the intro for " + POWER_CYCLE_WAIT.toSeconds() + " s";
        }
        TransportException refused = new TransportException(TransportException.Kind.OS_ERROR, what);
        // the outro and DEVICE RESET go out on every path out, a refused intro too (issue 14 §1): a drive that half
        // took the intro must not stay in a vendor state
        try {
            leave();
        } catch (TransportException e) {
            refused.addSuppressed(e);
        }
        throw refused;
    }

    /** Up to {@code attempts} intros; returns the signature, or the last Status seen. */
    private int introAttempts(int attempts) throws TransportException {
        int last = -1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            registers.write(Register.DEVICE, select);
            clock().sleep(Duration.ofMillis(250));
            registers.write(Register.DEVICE, select);
            registers.write(Register.SECTOR_NUMBER, key.sectorNumber());
            int readBack = registers.read(Register.SECTOR_NUMBER);
            if (readBack != key.sectorNumber()) {
                // the Command is what acts on SN: with any other value there it could be another vendor command
                throw new TransportException(TransportException.Kind.OS_ERROR, String.format("vendor intro: Sector Number"
                        + " reads back 0x%02X after 0x%02X was written; the Command was not sent", readBack, key.sectorNumber()));
            }
            registers.command(key.opcode());
            clock().sleep(Duration.ofMillis(2));
            registers.write(Register.DEVICE, select);
            last = pollIntro();
            if (VendorStatus.signature(last)) {
                signature = last;
                return last;
            }
            if (!VendorStatus.notYet(last)) {
                break;
            }
        }
        return last;
    }

    private int pollIntro() throws TransportException {
        int status = registers.status();
        long deadline = clock().elapsed().plus(COMMAND_TIMEOUT).toNanos();
        for (int polls = 1; VendorStatus.busy(status) && polls < MAX_POLLS && clock().elapsed().toNanos() < deadline; polls++) {
            status = registers.status();
        }
        return status;
    }

    /** Leaves vendor mode: the outro, then DEVICE RESET; the drive restarts from its flash. */
    void leave() throws TransportException {
        registers.command(key.outro());
        clock().sleep(key.afterOutro());
        registers.command(DEVICE_RESET);
        registers.status();
        clock().sleep(key.afterReset());
        signature = -1;
    }

    byte readByte(long address) throws TransportException, ModeLost {
        address(address);
        run(READ_BYTE);
        return (byte) registers.read(Register.SECTOR_NUMBER);
    }

    void writeByte(long address, int value) throws TransportException, ModeLost {
        address(address);
        registers.write(Register.SECTOR_NUMBER, value & 0xFF);
        run(WRITE_BYTE);
    }

    /** The SPI mailbox's buffer starts here; the firmware masks the index (docs/protocols.md §2.6.4). */
    static final int SPI_BUFFER = 0x8800;

    /** Writes one byte of the SPI mailbox's buffer (the command bytes of the next transfer, then its data). */
    void bufferWrite(int index, int value) throws TransportException, ModeLost {
        address(SPI_BUFFER + index);
        registers.write(Register.SECTOR_NUMBER, value & 0xFF);
        run(key.bufferWrite());
    }

    /** Reads one byte of the SPI mailbox's buffer (the bytes a transfer received follow the ones it sent). */
    int bufferRead(int index) throws TransportException, ModeLost {
        address(SPI_BUFFER + index);
        run(key.bufferRead());
        return registers.read(Register.SECTOR_NUMBER) & 0xFF;
    }

    /**
     * Runs one SPI transfer of the buffer's first {@code tx} bytes, receiving {@code rx} bytes after them. The lengths
     * go into Features/SC (sent) and LBA mid/high (received), low byte first; with Status 0x73 each length's two bytes
     * are swapped (docs/protocols.md §2.6.4).
     */
    void transfer(int tx, int rx) throws TransportException, ModeLost {
        boolean swapped = signature == VendorStatus.SPI_SWAPPED;
        registers.write(Register.DEVICE, select);
        registers.write(Register.FEATURES, swapped ? tx >> 8 & 0xFF : tx & 0xFF);
        registers.write(Register.SECTOR_COUNT, swapped ? tx & 0xFF : tx >> 8 & 0xFF);
        registers.write(Register.SECTOR_NUMBER, 0);
        registers.write(Register.LBA_MID, swapped ? rx >> 8 & 0xFF : rx & 0xFF);
        registers.write(Register.LBA_HIGH, swapped ? rx & 0xFF : rx >> 8 & 0xFF);
        for (int opcode : key.transfer()) {
            run(opcode);
        }
    }

    /** A19..A0 into LBA mid, LBA high and the Device register's low nibble, in the sources' order. */
    private void address(long address) throws TransportException {
        if (address < 0 || address > 0xFFFFF) {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is outside the 1 MiB window");
        }
        registers.write(Register.DEVICE, select);
        registers.write(Register.LBA_MID, (int) (address & 0xFF));
        registers.write(Register.LBA_HIGH, (int) ((address >> 8) & 0xFF));
        registers.write(Register.DEVICE, select | (int) ((address >> 16) & 0x0F));
    }

    /** Writes the Command and polls Status until the signature is back; busy values are polled through. */
    private void run(int opcode) throws TransportException, ModeLost {
        registers.command(opcode);
        long deadline = clock().elapsed().plus(COMMAND_TIMEOUT).toNanos();
        for (int polls = 0; polls < MAX_POLLS; polls++) {
            int status = registers.status();
            if (status == signature) {
                return;
            }
            if (!VendorStatus.busy(status)) {
                throw new ModeLost(String.format("vendor command 0x%02X answered with %s", opcode, VendorStatus.describe(status)));
            }
            if (clock().elapsed().toNanos() >= deadline) {
                break;
            }
        }
        throw new TransportException(TransportException.Kind.TIMEOUT, String.format("vendor command 0x%02X: Status"
                + " stayed busy past %d reads or %d s", opcode, MAX_POLLS, COMMAND_TIMEOUT.toSeconds()));
    }
}
