package dev.odflash.family.mtk8051;

import dev.odflash.chip.ChipSpec;
import dev.odflash.chip.EraseBlock;

import java.util.List;

/**
 * Which part of a serial part its status register's block-protect bits lock (docs/protocols.md §2.6.4). Macronix and
 * Winbond parts of the 8051 era protect from the top down in 64 KiB blocks, doubling per BP level (MX25L2005/MX25L8005
 * and W25X20 data sheets' protected-area tables; inference: not re-read per part). For any other maker odflash does
 * not claim to know the table, so any BP bit set counts as the whole part locked: the host may refuse more than
 * needed, never less.
 */
final class BlockProtect {
    private BlockProtect() {
    }

    static List<EraseBlock> locked(ChipSpec chip, int status) {
        int level = (status & SpiOp.BP_MASK) >> 2;
        if (level == 0) {
            return List.of();
        }
        long size = chip.size();
        int maker = chip.id().manufacturer() & 0xFF;
        if (maker != 0xC2 && maker != 0xEF) {
            return List.of(new EraseBlock(0, (int) size));
        }
        long top = Math.min(size, 0x10000L << (level - 1));
        return List.of(new EraseBlock(size - top, (int) top));
    }
}
