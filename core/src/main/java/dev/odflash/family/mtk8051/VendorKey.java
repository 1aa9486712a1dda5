package dev.odflash.family.mtk8051;

import java.time.Duration;

/**
 * The vendor-mode key sets (docs/protocols.md §2.6.2): the Sector Number key and Command opcode of the intro,
 * the outro opcode, and the pauses the sources use. The LiteOn-Erase key (SN 0x2E with Command 0x80) is not
 * one of them on purpose: it erases the drive's firmware, and odflash never sends it ({@link #ERASING_SN}).
 */
enum VendorKey {
    /** "Phat": the one mtkflash and DosFlash use on 8051-era drives. */
    GENERIC(0x2A, 0x80, 0x81, Duration.ZERO, Duration.ofMillis(350), 0x01, 0x00, new int[] {0x04, 0x05}),
    SLIM(0xD9, 0x89, 0xF0, Duration.ofMillis(250), Duration.ofMillis(500), 0x68, 0x91, new int[] {0x1B}),
    SLIM2(0x79, 0x8D, 0xBE, Duration.ofMillis(250), Duration.ofMillis(500), 0x52, 0x1F, new int[] {0xC2});

    /** SN 0x2E with Command 0x80 erases the drive's firmware (docs/protocols.md §2.6.2): never written as a key. */
    static final int ERASING_SN = 0x2E;

    private final int sectorNumber;
    private final int opcode;
    private final int outro;
    private final Duration afterOutro;
    private final Duration afterReset;
    private final int bufferWrite;
    private final int bufferRead;
    private final int[] transfer;

    /**
     * @param bufferWrite the SPI mailbox's "write buffer byte" command, {@code bufferRead} its "read buffer byte", and
     *                    {@code transfer} the command(s) that run one SPI transfer, each polled (docs/protocols.md
     *                    §2.6.4; JungleFlasher's constants per key set)
     */
    VendorKey(int sectorNumber, int opcode, int outro, Duration afterOutro, Duration afterReset, int bufferWrite,
              int bufferRead, int[] transfer) {
        if (sectorNumber == ERASING_SN) {
            throw new IllegalStateException("the LiteOn-Erase SN is never a key");
        }
        this.sectorNumber = sectorNumber;
        this.opcode = opcode;
        this.outro = outro;
        this.afterOutro = afterOutro;
        this.afterReset = afterReset;
        this.bufferWrite = bufferWrite;
        this.bufferRead = bufferRead;
        this.transfer = transfer.clone();
    }

    int bufferWrite() {
        return bufferWrite;
    }

    int bufferRead() {
        return bufferRead;
    }

    int[] transfer() {
        return transfer.clone();
    }

    int sectorNumber() {
        return sectorNumber;
    }

    int opcode() {
        return opcode;
    }

    int outro() {
        return outro;
    }

    Duration afterOutro() {
        return afterOutro;
    }

    Duration afterReset() {
        return afterReset;
    }
}
