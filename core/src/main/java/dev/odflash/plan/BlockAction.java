package dev.odflash.plan;

/** What a plan step does to its range (docs/architecture.md "Write models"). */
public enum BlockAction {
    /** Target equals what the chip holds: nothing is sent. */
    UNCHANGED,
    /** Programmed without an erase: the write model allows every change here (bit, byte, erased pages). */
    PROGRAM_ONLY,
    /** One erase block erased, then every non-erased byte (or page) of the target programmed. */
    ERASE_AND_PROGRAM,
    /** autopage:N parts: changed pages rewritten whole, the chip erases each page itself; no erase command. */
    PAGE_REWRITE
}
