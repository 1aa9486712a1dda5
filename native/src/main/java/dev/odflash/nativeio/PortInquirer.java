package dev.odflash.nativeio;

import dev.odflash.transport.TransportException;

/** Sends INQUIRY to a node through SG_IO after a port session (the caller owns the SCSI commands). */
@FunctionalInterface
public interface PortInquirer {
    /** Returns "vendor product revision". */
    String inquire(String node) throws TransportException;
}
