package dev.odflash.transport;

/**
 * The chip's status after an operation: busy (write in progress), whether the last erase or program
 * failed (DQ5 time-out on parallel parts, E_ERR/P_ERR on SPI parts) and whether it hit a
 * write-protected region.
 */
public record ChipStatus(boolean busy, boolean lastOperationFailed, boolean writeProtected) {
    public static final ChipStatus READY = new ChipStatus(false, false, false);
}
