package dev.odflash.emulator.mtk8051;

import dev.odflash.emulator.AtapiBus;
import dev.odflash.emulator.chip.CellSinkFailure;
import dev.odflash.emulator.chip.PowerLossException;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TransportException;

import java.time.Duration;

/**
 * The 8051-era vendor mode as the old tools' logs describe it (docs/protocols.md §2.6): "Vendor Intro"
 * puts the drive into a mode where the host identifies the chip (JEDEC IDs), reads 64 KiB banks,
 * erases and programs; "Vendor Outro" resets it. The wire bytes are not public (§7.1), so this is a
 * model of the behaviour only. It works in boot mode too (that is how the old tools revived
 * drives) but not on a dead drive, and a USB bridge that drops vendor commands never lets it start.
 */
final class Mtk8051VendorChannel implements ChipChannel {
    /** The old tools read "Bank 0..n" of 64 KiB each (docs/protocols.md §2.6). */
    static final int MAX_READ = 0x10000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Mtk8051Drive drive;
    private boolean vendorMode;
    /** Set by a bus reset that ended vendor mode; cleared by the next Vendor Intro. */
    private long resetBeforeCommand;
    private long writeCommands;

    Mtk8051VendorChannel(Mtk8051Drive drive) {
        this.drive = drive;
    }

    @Override
    public void enter() throws TransportException {
        drive.dropVendor("Vendor Intro", TIMEOUT);
        drive.beginCommand("Vendor Intro", TIMEOUT);
        drive.virtualClock().advance(AtapiBus.commandNanos(0));
        vendorMode = true;
        resetBeforeCommand = 0;
    }

    /** A bus reset ends vendor mode (inference: Vendor Intro is what puts the drive into it). */
    void reset(long command) {
        if (vendorMode) {
            vendorMode = false;
            resetBeforeCommand = command;
        }
    }

    @Override
    public void leave() throws TransportException {
        drive.beginCommand("Vendor Outro", TIMEOUT);
        drive.virtualClock().advance(AtapiBus.commandNanos(0));
        vendorMode = false;
        resetBeforeCommand = 0;
        // "Vendor Outro" / ATA reset puts the drive back in normal mode (docs/protocols.md §2.6): it restarts
        // from what its flash holds now, so a flashed image is what it reports next
        drive.powerOn();
    }

    @Override
    public JedecId readId() throws TransportException {
        command("Device ID request");
        drive.virtualClock().advance(AtapiBus.commandNanos(2));
        return drive.chip().id();
    }

    @Override
    public void read(long address, byte[] destination, int offset, int length) throws TransportException {
        command("read");
        if (length < 0 || length > MAX_READ) {
            throw new IllegalArgumentException("read of " + length + " bytes; the vendor mode reads at most " + MAX_READ);
        }
        long size = drive.chip().spec().size();
        int done = 0;
        while (done < length) { // fewer address lines than the bus: the chip repeats every `size` bytes
            long at = (address + done) % size;
            int n = (int) Math.min(length - done, size - at);
            drive.chip().read(at, destination, offset + done, n);
            done += n;
        }
        drive.virtualClock().advance(AtapiBus.commandNanos(length));
    }

    @Override
    public ChipStatus erase(long address, int blockSize) throws TransportException {
        command("erase");
        writeCommands++;
        drive.virtualClock().advance(AtapiBus.commandNanos(0));
        try {
            return drive.chip().erase(address, blockSize);
        } catch (PowerLossException e) {
            throw drive.powerLost("power lost during " + e.getMessage());
        } catch (CellSinkFailure e) {
            throw new TransportException(TransportException.Kind.OS_ERROR, e.forHost("erase"), 0, e);
        }
    }

    @Override
    public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
        command("program");
        writeCommands++;
        drive.virtualClock().advance(AtapiBus.commandNanos(length));
        try {
            return drive.chip().program(address, source, offset, length);
        } catch (PowerLossException e) {
            throw drive.powerLost("power lost during " + e.getMessage());
        } catch (CellSinkFailure e) {
            throw new TransportException(TransportException.Kind.OS_ERROR, e.forHost("program"), 0, e);
        }
    }

    @Override
    public ChipStatus status() throws TransportException {
        command("status");
        drive.virtualClock().advance(AtapiBus.commandNanos(1));
        return drive.chip().status();
    }

    @Override
    public int maxProgramLength() {
        return drive.chip().spec().maxProgramLength();
    }

    @Override
    public int maxReadLength() {
        return MAX_READ;
    }

    long writeCommands() {
        return writeCommands;
    }

    private void command(String what) throws TransportException {
        drive.beginCommand(what, TIMEOUT);
        if (!vendorMode && resetBeforeCommand > 0) {
            throw new TransportException(TransportException.Kind.OS_ERROR, what + " refused: the drive left vendor"
                    + " mode after a reset (bus reset before command " + resetBeforeCommand + "); send Vendor Intro again");
        }
        if (!vendorMode) {
            throw new TransportException(TransportException.Kind.OS_ERROR,
                    what + " refused: the drive is not in vendor mode (send Vendor Intro first)");
        }
    }
}
