package dev.odflash.emulator.download;

import dev.odflash.emulator.core.Reply;
import dev.odflash.transport.TransportException;

/**
 * One family's flashing commands, decoded from raw CDB bytes. The identity commands (INQUIRY, TEST
 * UNIT READY, REQUEST SENSE, GET CONFIGURATION) are answered before a protocol sees anything.
 */
interface Protocol {
    /**
     * Answers one command, or returns null when the opcode is not one this family's firmware knows
     * (the drive then answers ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE).
     *
     * @param out      the data the host sent (empty unless data-out)
     * @param inLength bytes the host asked to read (0 unless data-in)
     */
    Reply handle(byte[] cdb, byte[] out, int inLength) throws TransportException;

    /** True for the CDBs that carry firmware toward the flash (counted in writeCommands). */
    boolean writeCommand(byte[] cdb);

    /** Power-on or restart: whatever the download held in RAM is gone. */
    void reset();
}
