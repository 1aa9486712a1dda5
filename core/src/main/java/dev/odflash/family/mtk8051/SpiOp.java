package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.WriteModel;

/**
 * The serial-flash command bytes the SPI mailbox carries, and which of them a chip row calls for
 * (docs/protocols.md §2.6.4). Opcodes: JungleFlasher's constants (vendor-mode notes §4) and the parts' data sheets
 * (MX25L2005, W25X20, SST25VF040B/SST25VF020 command tables); which eraser takes which opcode by its block size is
 * the data sheets' common assignment (0x20 4 KiB, 0x52 32 KiB, 0xD8 64 KiB).
 */
final class SpiOp {
    static final int WRSR = 0x01;
    static final int PAGE_PROGRAM = 0x02;
    static final int READ = 0x03;
    static final int WRDI = 0x04;
    static final int RDSR = 0x05;
    static final int WREN = 0x06;
    static final int EWSR = 0x50;
    static final int REMS = 0x90;
    static final int RDID = 0x9F;
    static final int AAI_BYTE = 0xAF;
    static final int AAI_WORD = 0xAD;

    /** Status register bits (the parts' data sheets): write in progress, write enable latch, block protect, SRWD. */
    static final int WIP = 0x01;
    static final int WEL = 0x02;
    static final int BP_MASK = 0x1C;

    /** How a part takes its data: a 256-byte page per command, one byte per command, or SST's auto address increment. */
    enum Program { PAGE, BYTE, AAI_BYTE, AAI_WORD }

    private SpiOp() {
    }

    /**
     * The program method from the row's write model: page parts program pages; SST 25-series byte parts take no page
     * program but auto address increment (byte-wide on SST25VF0x0, word-wide on the "B" parts, which dropped 0xAF:
     * SST25VF040B data sheet); any other byte part is byte-programmed.
     */
    static Program program(ChipSpec chip) {
        if (chip.writeModel() instanceof WriteModel.Page) {
            return Program.PAGE;
        }
        if (sst(chip)) {
            return chip.name().toUpperCase(java.util.Locale.ROOT).endsWith("B") ? Program.AAI_WORD : Program.AAI_BYTE;
        }
        return Program.BYTE;
    }

    static boolean sst(ChipSpec chip) {
        return (chip.id().manufacturer() & 0xFF) == 0xBF;
    }

    /** Chip erase: 0x60 on SST, 0x62 on Atmel, 0xC7 otherwise (JungleFlasher's choice per manufacturer). */
    static int chipErase(ChipSpec chip) {
        return switch (chip.id().manufacturer() & 0xFF) {
            case 0xBF -> 0x60;
            case 0x1F -> 0x62;
            default -> 0xC7;
        };
    }

    /** The block-erase opcode for an eraser's block size; -1 when the part has no such command known here. */
    static int blockErase(int blockSize) {
        return switch (blockSize) {
            case 4096 -> 0x20;
            case 32768 -> 0x52;
            case 65536 -> 0xD8;
            default -> -1;
        };
    }
}
