package dev.odflash.transport;

/**
 * Chip-level access for chip-style families: the host sees the flash chip itself. The 8051-era MTK
 * vendor mode ("Vendor Intro" ... "Outro", docs/protocols.md §2.6) and an external programmer
 * (libflashrom) both offer this.
 *
 * <p>One call is one chip operation for timing, faults and traces; below it the vendor mode's own engines
 * ({@code family.mtk8051}: task-file register writes, docs/protocols.md §2.6) or libflashrom do the wire work.
 * Addresses are byte offsets into the chip.
 */
public interface ChipChannel {
    /** Puts the drive into vendor mode ("Vendor Intro"). */
    void enter() throws TransportException;

    /** Returns the drive to normal operation ("Vendor Outro"). */
    void leave() throws TransportException;

    /** JEDEC manufacturer and device ID as the chip answers them. */
    JedecId readId() throws TransportException;

    void read(long address, byte[] destination, int offset, int length) throws TransportException;

    /** Erases the block of {@code blockSize} bytes at {@code address} (blockSize = chip size: chip erase). */
    ChipStatus erase(long address, int blockSize) throws TransportException;

    /** Programs at most {@link #maxProgramLength()} bytes, not crossing a page boundary. */
    ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException;

    ChipStatus status() throws TransportException;

    /** Largest program call: the chip's page size, or 256 bytes for byte-programmed parts. */
    int maxProgramLength();

    /**
     * The chip row the operation writes by (identified, or named by the user): a channel that issues the part's
     * own command set uses it for an unidentified part. Nothing by default.
     */
    default void name(dev.odflash.chip.ChipSpec chip) {
    }

    /** Largest read call the channel accepts. */
    int maxReadLength();

    /**
     * Why this path may not write the part at all, asked before the backup so such a flash is a gate, not a
     * failure mid-write (docs/architecture.md Safety rules; an autopage part over port I/O). Empty: it may.
     */
    default java.util.Optional<String> writeRefusal(dev.odflash.chip.ChipSpec chip) {
        return java.util.Optional.empty();
    }

    /**
     * The ranges the part's own write protection locks now (a serial part's block-protect bits), read in the mode
     * {@link #enter()} opened; the flash refuses a plan touching one before its first erase unless the user allows
     * {@link #unprotect()} (docs/architecture.md "Contracts", {@code --allow-unprotect}). Nothing by default.
     */
    default java.util.List<dev.odflash.chip.EraseBlock> writeProtected() throws TransportException {
        return java.util.List.of();
    }

    /** Clears the part's write protection, or throws saying why it cannot (a lock only hardware can lift). */
    default void unprotect() throws TransportException {
        throw new TransportException(TransportException.Kind.OS_ERROR, "this path cannot clear the part's write protection");
    }
}
