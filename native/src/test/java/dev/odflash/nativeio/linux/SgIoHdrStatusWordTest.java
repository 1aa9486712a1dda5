package dev.odflash.nativeio.linux;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reply's status bytes read in one 8-byte load (SgIoHdr.statusWord) decode to what the field-by-field
 * reader gives, for values in every byte, so a wrong shift or byte order shows.
 */
class SgIoHdrStatusWordTest {
    @Test
    void oneLoadDecodesToTheSameFieldsAsTheFieldReads() {
        int[][] replies = {
            {0x00, 0, 0, 0, 0},
            {0x02, 18, 0x0000, 0x0008, 0},
            {0xFE, 0xFF, 0xFFFF, 0xFFFF, -1},
            {0x08, 0x40, 0x0107, 0x2806, 65536},
            {0x18, 0x01, 0x8000, 0x0080, 12345},
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment h = arena.allocate(SgIoHdr.LAYOUT);
            for (int[] v : replies) {
                h.fill((byte) 0x5A); // junk in the neighbouring fields (masked_status, msg_status) must not leak
                SgIoHdr.writeReply(h, new SgIoHdr.Reply(v[0], v[1], v[2], v[3], v[4], 7, 1));
                SgIoHdr.Reply r = SgIoHdr.reply(h);
                long word = SgIoHdr.statusWord(h);
                assertThat(SgIoHdr.status(word)).as("status").isEqualTo(r.status()).isEqualTo(v[0]);
                assertThat(SgIoHdr.senseLength(word)).as("sb_len_wr").isEqualTo(r.senseLength()).isEqualTo(v[1]);
                assertThat(SgIoHdr.hostStatus(word)).as("host_status").isEqualTo(r.hostStatus()).isEqualTo(v[2]);
                assertThat(SgIoHdr.driverStatus(word)).as("driver_status").isEqualTo(r.driverStatus()).isEqualTo(v[3]);
                assertThat(SgIoHdr.resid(h)).as("resid").isEqualTo(r.resid()).isEqualTo(v[4]);
            }
        }
    }
}
