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

    /** The flash chip the drive holds. */
    FlashChipModel chipModel();
}
