package dev.odflash.emulator;

import dev.odflash.emulator.chip.FlashChipModel;
import dev.odflash.transport.Device;

/**
 * An emulated drive as tests and the CLI see it: a {@link Device} plus the counters that prove what
 * reached its flash (docs/architecture.md "The emulated drive is a drive, not a mock").
 */
public interface EmulatedDrive extends Device {
    /** Commands seen since open (SCSI commands and chip-channel calls). */
    long commands();

    /**
     * Write commands that reached the drive: chip-channel erase/program calls (mtk8051), WRITE BUFFER
     * and {@code FF 00 01} download CDBs (download families), accepted or refused. Zero proves a
     * refused gate sent none.
     */
    long writeCommands();

    /**
     * The numbers (as {@code powerloss@cmd:N} counts them) of the first and last command whose execution reached the
     * chip with an erase or program, or -1 when none did or the drive does not track it. A fault campaign places its
     * power cuts in that window (the register-level 8051-era drive counts every Command-register write).
     */
    default long firstWriteCommand() {
        return -1;
    }

    /**
     * The user switches the drive off and on, as the host asked them to (a view's answer to
     * {@link dev.odflash.transport.UserActions.Action#POWER_CYCLE}); nothing by default.
     */
    default void powerCycle() {
    }

    /** See {@link #firstWriteCommand()}. */
    default long lastWriteCommand() {
        return -1;
    }

    /** The flash chip the drive holds. */
    FlashChipModel chipModel();
}
