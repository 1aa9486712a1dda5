package dev.odflash.emulator.download;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The block plan of one {@code FF 00 01} drive (docs/protocols.md §2.1 table):
 * <ul>
 * <li>tsst-mt1339: 0xFC00 blocks "taken from the original flasher" (RD flash_tsst), end state 04
 *     (RD END_256KB); 256 KiB image sent verbatim, so four full blocks and a short last one
 *     (docs/architecture.md "Families and layouts");</li>
 * <li>sd616: 0x10000 blocks of RD's rearranged 0x30000 buffer, end state 02 (RD END_128KB);</li>
 * <li>mt1939: 2 MiB = 33 × 0xF800 + a last 0x800 block, end state 02 (CM "complete").</li>
 * </ul>
 *
 * @param block     size of every block but the last
 * @param total     bytes in the whole download
 * @param lastBlock size of the block that carries the end state (0: any size up to {@code block}
 *                  that completes {@code total})
 * @param endState  byte 5 of the last block
 * @param bootLoaderCommands the boot loader answers READ BUFFER mode 6 and the FF 00 FF version query (MT1939, CM)
 * @param halfBlocks the block after which the drive commits the first half (0: it burns once, at the end)
 * @param firstHalf bytes the first commit burns (CM: the first 1 MiB)
 * @param stall     how long each commit stalls the drive (CM: about 10 s on the MT1939; 0 elsewhere)
 * @param lastResidue the residue the last block's status reports (CM: 0x800 on the MT1939)
 * @param toImage   the flash image the drive rebuilds from its download buffer (SD-616: its own table)
 */
record TsstVariant(int block, int total, int lastBlock, int endState, boolean bootLoaderCommands, int halfBlocks,
                   int firstHalf, Duration stall, int lastResidue, UnaryOperator<byte[]> toImage) {
    boolean lastSizeOk(int received, int length) {
        boolean completes = received + length == total;
        return completes && (lastBlock == 0 ? length > 0 && length <= block : length == lastBlock);
    }

    /**
     * SD-616: back from RD's download buffer to the 0x20000 flash image (§2.1 rearrangement table; the
     * emulator's own copy of the table). The second copy of 0x10400-0x1F7FF at 0x20800 is not read.
     */
    static byte[] sd616Image(byte[] buffer) {
        byte[] image = new byte[0x20000];
        System.arraycopy(buffer, 0x00000, image, 0x00000, 0x10000);   // dst 0x00000-0x0FFFF <- src 0x00000-0x0FFFF
        System.arraycopy(buffer, 0x10400, image, 0x10000, 0xF800);    // dst 0x10400-0x1FBFF <- src 0x10000-0x1F7FF
        System.arraycopy(buffer, 0x20000, image, 0x1F800, 0x800);     // dst 0x20000-0x207FF <- src 0x1F800-0x1FFFF
        return image;
    }
}
