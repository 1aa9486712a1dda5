package dev.odflash.nativeio.linux;

import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SgTransport's per-command economies: SG_IO goes through the errno block the transport made once (no
 * per-thread lookup), and the sense buffer is cleared only where an earlier command may have written it,
 * which after a failed ioctl is all of it.
 */
class SgTransportErrnoStateTest {
    /** Records the errno block of every SG_IO; optionally scribbles over the whole sense buffer and fails. */
    private static final class BlockKernel extends FakeKernel {
        final List<MemorySegment> blocks = new ArrayList<>();
        final List<MemorySegment> made = new ArrayList<>();
        final List<byte[]> sentSense = new ArrayList<>();
        boolean scribbleAndFail;

        @Override
        public MemorySegment errnoState(Arena arena) {
            MemorySegment block = arena.allocate(8);
            made.add(block);
            return block;
        }

        @Override
        public Outcome ioctl(int fd, long request, MemorySegment argument, MemorySegment errnoState) {
            if (request == SgIoHdr.SG_IO) {
                blocks.add(errnoState);
                SgIoHdr.Request r = SgIoHdr.request(argument.reinterpret(SgIoHdr.LAYOUT.byteSize()));
                sentSense.add(r.sense().toArray(ValueLayout.JAVA_BYTE));
                if (scribbleAndFail) {
                    r.sense().fill((byte) 0x5A); // a kernel that wrote sense and then failed the copy-out
                    return new Outcome(-1, Errno.EIO);
                }
            }
            return super.ioctl(fd, request, argument);
        }
    }

    private final BlockKernel kernel = new BlockKernel();

    @Test
    void everySgIoUsesTheOneBlockTheTransportMade() throws Exception {
        try (SgTransport t = SgTransport.open("/dev/sg0", kernel, 64 * 1024)) {
            for (int i = 0; i < 3; i++) {
                assertThat(t.execute(ScsiRequest.noData(new byte[6])).isGood()).isTrue();
            }
        }
        assertThat(kernel.made).hasSize(1);
        assertThat(kernel.blocks).hasSize(3);
        assertThat(kernel.blocks).allSatisfy(b -> assertThat(b.address()).isEqualTo(kernel.made.getFirst().address()));
    }

    @Test
    void aSenseIsClearedBeforeTheNextCommand() throws Exception {
        kernel.answer = cdb -> cdb[0] == 0x03 ? FakeKernel.Answer.check(SenseData.fixed(6, 0x29, 0).raw())
                : FakeKernel.Answer.good(new byte[0]);
        try (SgTransport t = SgTransport.open("/dev/sg0", kernel, 64 * 1024)) {
            ScsiResult sense = t.execute(ScsiRequest.noData(new byte[]{0x03, 0, 0, 0, 18, 0}));
            assertThat(sense.sense()).isPresent();
            t.execute(ScsiRequest.noData(new byte[6]));
        }
        assertThat(kernel.sentSense.get(1)).containsOnly(0);
    }

    @Test
    void afterAFailedIoctlTheWholeSenseBufferIsClearedAgain() throws Exception {
        try (SgTransport t = SgTransport.open("/dev/sg0", kernel, 64 * 1024)) {
            kernel.scribbleAndFail = true;
            assertThatThrownBy(() -> t.execute(ScsiRequest.noData(new byte[6]))).isInstanceOf(TransportException.class);
            kernel.scribbleAndFail = false;
            assertThat(t.execute(ScsiRequest.noData(new byte[6])).isGood()).isTrue();
        }
        assertThat(kernel.sentSense.get(1)).hasSize(64).containsOnly(0);
    }
}
