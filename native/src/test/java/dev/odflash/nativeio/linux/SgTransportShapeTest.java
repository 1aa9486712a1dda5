package dev.odflash.nativeio.linux;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SgTransport rewrites the per-command header fields only when a command's shape differs from the last
 * one's: each of direction, CDB length, buffer, length and timeout changing alone must still reach the
 * kernel, and a command after a change back must carry its own values again, never the last command's.
 */
class SgTransportShapeTest {
    private final FakeKernel kernel = new FakeKernel();

    @Test
    void everyChangeOfShapeReachesTheHeader() throws Exception {
        try (SgTransport t = SgTransport.open("/dev/sg0", kernel, 1 << 20); Arena arena = Arena.ofConfined()) {
            MemorySegment a = t.allocate(arena, 8192);
            MemorySegment b = t.allocate(arena, 8192);
            byte[] read10 = {0x28, 0, 0, 0, 0, 0, 0, 0, 4, 0};
            byte[] read12 = {(byte) 0xA8, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0};
            Duration thirty = Duration.ofSeconds(30);
            List<ScsiRequest> sent = List.of(
                    new ScsiRequest(read10, DataDirection.IN, a, thirty),
                    new ScsiRequest(read10, DataDirection.IN, a, thirty),                    // same shape
                    new ScsiRequest(read10, DataDirection.IN, a, Duration.ofMillis(2500)),   // timeout only
                    new ScsiRequest(read10, DataDirection.IN, b, Duration.ofMillis(2500)),   // buffer address only
                    new ScsiRequest(read10, DataDirection.IN, b.asSlice(0, 4096), Duration.ofMillis(2500)), // length only
                    new ScsiRequest(read12, DataDirection.IN, b.asSlice(0, 4096), Duration.ofMillis(2500)), // CDB length only
                    new ScsiRequest(read12, DataDirection.OUT, b.asSlice(0, 4096), Duration.ofMillis(2500)), // direction only
                    ScsiRequest.noData(new byte[6]),
                    new ScsiRequest(read10, DataDirection.IN, a, thirty));                   // back to the first
            for (ScsiRequest r : sent) {
                ScsiResult result = t.execute(r);
                assertThat(result.isGood()).isTrue();
            }
            assertThat(kernel.requests).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                ScsiRequest r = sent.get(i);
                SgIoHdr.Request h = kernel.requests.get(i);
                int direction = switch (r.direction()) {
                    case NONE -> SgIoHdr.SG_DXFER_NONE;
                    case IN -> SgIoHdr.SG_DXFER_FROM_DEV;
                    case OUT -> SgIoHdr.SG_DXFER_TO_DEV;
                };
                assertThat(h.direction()).as("direction of command %d", i).isEqualTo(direction);
                assertThat(h.cmdLen()).as("cmd_len of command %d", i).isEqualTo(r.cdb().length);
                assertThat(kernel.cdbs.get(i)).as("CDB of command %d", i).containsExactly(r.cdb());
                assertThat(h.dxferLen()).as("dxfer_len of command %d", i).isEqualTo((int) r.length());
                assertThat(h.data().address()).as("dxferp of command %d", i)
                        .isEqualTo(r.length() == 0 ? 0 : r.data().address());
                assertThat(h.timeoutMillis()).as("timeout of command %d", i).isEqualTo((int) r.timeout().toMillis());
                assertThat(h.maxSense()).as("mx_sb_len of command %d", i).isEqualTo(64);
            }
        }
    }
}
