package dev.odflash.nativeio;

import dev.odflash.transport.TransportException;

/**
 * A real drive that can be taken for exclusive use (the flash command calls this before its first
 * write): a lock file every odflash process respects, holding the owner's PID, plus the OS's own
 * exclusive open where the driver has one (O_EXCL on Linux sg, share mode 0 on Windows). A second
 * odflash gets a {@link TransportException} of kind BUSY saying "in use by PID n".
 *
 * <p>Implemented by the native devices; the transport API in core has no such method yet, so callers
 * test {@code device instanceof ExclusiveAccess}.
 */
public interface ExclusiveAccess {
    ExclusiveUse acquireExclusive() throws TransportException;
}
