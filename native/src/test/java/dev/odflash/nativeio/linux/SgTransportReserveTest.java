package dev.odflash.nativeio.linux;

import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sg reserve buffer: asked for at every open of an sg node (the exclusive reopen included), and the bytes a short
 * read did not fill are zero in the caller's buffer, whatever the kernel's buffer held before.
 */
class SgTransportReserveTest {
    /** FakeKernel that records SG_SET_RESERVED_SIZE and leaves 0xEE junk past the transferred bytes. */
    private static final class ReserveKernel extends FakeKernel {
        final List<Integer> reserves = new ArrayList<>();

        @Override
        public Outcome ioctl(int fd, long request, MemorySegment argument) {
            if (request == SgTransport.SG_SET_RESERVED_SIZE) {
                reserves.add(argument.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
                return new Outcome(0, 0);
            }
            if (request == SgIoHdr.SG_IO) {
                SgIoHdr.Request r = SgIoHdr.request(argument.reinterpret(SgIoHdr.LAYOUT.byteSize()));
                r.data().fill((byte) 0xEE); // what a reused kernel buffer copies back beyond the drive's bytes
            }
            return super.ioctl(fd, request, argument);
        }
    }

    private final ReserveKernel kernel = new ReserveKernel();

    @Test
    void everyOpenAsksForTheReserveCappedAt256KiB() throws Exception {
        try (SgTransport t = SgTransport.open("/dev/sg0", kernel, 16L << 20)) {
            t.reopen(true);
        }
        try (SgTransport ignored = SgTransport.open("/dev/sg0", kernel, 64 * 1024)) {
            assertThat(kernel.reserves).containsExactly(SgTransport.RESERVE_SIZE, SgTransport.RESERVE_SIZE, 64 * 1024);
        }
        assertThat(SgTransport.RESERVE_SIZE).isEqualTo(256 * 1024);
    }

    @Test
    void aBlockNodeIsNotAsked() throws Exception {
        try (SgTransport ignored = SgTransport.open("/dev/sr0", kernel, 64 * 1024)) {
            assertThat(kernel.reserves).isEmpty();
        }
    }

    @Test
    void aShortReadLeavesZeroPastTheResidue() throws Exception {
        kernel.answer = cdb -> FakeKernel.Answer.good(new byte[]{1, 2, 3});
        try (SgTransport t = SgTransport.open("/dev/sg0", kernel, 64 * 1024); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = t.allocate(arena, 8);
            buf.fill((byte) 0x55);
            ScsiResult r = t.execute(ScsiRequest.in(new byte[]{0x12, 0, 0, 0, 8, 0}, buf));
            assertThat(r.residual()).isEqualTo(5);
            assertThat(buf.toArray(ValueLayout.JAVA_BYTE)).containsExactly(1, 2, 3, 0, 0, 0, 0, 0);
            MemorySegment heap = MemorySegment.ofArray(new byte[8]);
            t.execute(ScsiRequest.in(new byte[]{0x12, 0, 0, 0, 8, 0}, heap));
            assertThat(heap.toArray(ValueLayout.JAVA_BYTE)).containsExactly(1, 2, 3, 0, 0, 0, 0, 0);
        }
    }
}
