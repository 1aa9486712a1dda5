package dev.odflash.transport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a read larger than the path's limit is cut into commands covering the same bytes (SBC-3, MMC-6, SPC-4). */
class TransferSplitTest {
    @Test
    void readBufferSplitsByOffset() {
        byte[] cdb = {0x3C, 0x06, 0, 0x1E, (byte) 0xC0, 0, 0, 0x01, 0, 0};
        List<TransferSplit.Chunk> chunks = TransferSplit.split(cdb, 256, 100).orElseThrow();
        assertThat(chunks).extracting(TransferSplit.Chunk::offset).containsExactly(0L, 100L, 200L);
        assertThat(chunks).extracting(TransferSplit.Chunk::length).containsExactly(100L, 100L, 56L);
        assertThat(TransferSplit.get(chunks.get(1).cdb(), 3, 3)).isEqualTo(0x1EC000 + 100);
        assertThat(TransferSplit.get(chunks.get(2).cdb(), 6, 3)).isEqualTo(56);
        assertThat(chunks.getFirst().cdb()[1]).as("the mode is kept").isEqualTo((byte) 0x06);
        assertThat(cdb[7]).as("the caller's CDB is not changed").isEqualTo((byte) 0x01);
    }

    @Test
    void read10SplitsByWholeBlocks() {
        byte[] cdb = {0x28, 0, 0, 0, 0, 0x10, 0, 0, 32, 0};
        List<TransferSplit.Chunk> chunks = TransferSplit.split(cdb, 32 * 2048, 20 * 2048).orElseThrow();
        assertThat(chunks).hasSize(2);
        assertThat(TransferSplit.get(chunks.get(0).cdb(), 2, 4)).isEqualTo(0x10);
        assertThat(TransferSplit.get(chunks.get(0).cdb(), 7, 2)).isEqualTo(20);
        assertThat(TransferSplit.get(chunks.get(1).cdb(), 2, 4)).isEqualTo(0x10 + 20);
        assertThat(TransferSplit.get(chunks.get(1).cdb(), 7, 2)).isEqualTo(12);
        assertThat(chunks.get(1).offset()).isEqualTo(20 * 2048);
        assertThat(chunks.get(1).length()).isEqualTo(12 * 2048);
    }

    @Test
    void read12CarriesItsLengthInBytesSixToNine() {
        byte[] cdb = {(byte) 0xA8, 0, 0, 0, 0x01, 0, 0, 0, 0, 4, 0, 0};
        List<TransferSplit.Chunk> chunks = TransferSplit.split(cdb, 4 * 2048, 2 * 2048).orElseThrow();
        assertThat(chunks).hasSize(2);
        assertThat(TransferSplit.get(chunks.get(1).cdb(), 2, 4)).isEqualTo(0x100 + 2);
        assertThat(TransferSplit.get(chunks.get(1).cdb(), 6, 4)).isEqualTo(2);
    }

    @Test
    void whatCannotBeSplitIsNot() {
        // READ BUFFER mode 3 (descriptor) has no offset to advance
        assertThat(TransferSplit.split(new byte[]{0x3C, 0x03, 0, 0, 0, 0, 0, 0, 4, 0}, 4, 2)).isEmpty();
        // a write is never split: a download protocol's block sizes are part of the protocol
        assertThat(TransferSplit.split(new byte[]{0x3B, 0x06, 0, 0, 0, 0, 0, (byte) 0x80, 0, 0}, 0x8000, 0x4000))
                .isEmpty();
        // a limit smaller than one block
        assertThat(TransferSplit.split(new byte[]{0x28, 0, 0, 0, 0, 0, 0, 0, 2, 0}, 4096, 1024)).isEmpty();
        // a READ BUFFER whose CDB length field disagrees with the buffer
        assertThat(TransferSplit.split(new byte[]{0x3C, 0x02, 0, 0, 0, 0, 0, 0, 8, 0}, 16, 4)).isEmpty();
    }
}
