package dev.odflash.emulator.chip;

/**
 * Power failed part-way through a chip operation (a seeded fault). The cells are already left as the
 * interrupted operation leaves them; the drive that owns the chip catches this, goes without power
 * and persists what the flash now holds. Unchecked because only the emulated drive ever sees it.
 */
public final class PowerLossException extends RuntimeException {
    public PowerLossException(String message) {
        super(message);
    }
}
