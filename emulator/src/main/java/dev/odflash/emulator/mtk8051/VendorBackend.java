package dev.odflash.emulator.mtk8051;

/**
 * What the emulated drive's vendor mode serves behind its task file: the parallel part's byte commands
 * ({@link JedecBackend}) or the serial part's mailbox ({@link SpiMailbox}). Decoded from the registers alone.
 */
interface VendorBackend {
    /** The Status value the intro is answered with, and every vendor command ends on. */
    int signature();

    /**
     * Runs one vendor command with the task-file registers as written (index = register offset); SN may be replaced
     * by the answer. Returns false for an opcode this mode does not know (the drive aborts it).
     */
    boolean command(int opcode, int[] registers);

    /** Erases and programs that reached the chip model (the drive's write count). */
    long operations();

    /** Power failed at {@code atNanos}: an erase or program the part is still busy with stops where it is. */
    default void powerCut(long atNanos) {
    }

    /** Whether an erase or program is still inside its busy window (one a power cut now would leave cut). */
    default boolean busy() {
        return false;
    }
}
