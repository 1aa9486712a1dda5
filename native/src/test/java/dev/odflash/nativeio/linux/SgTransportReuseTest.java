package dev.odflash.nativeio.linux;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SgTransport reuses one header, CDB and sense block for every command: nothing a reply (or a kernel
 * that scribbles over the whole header) left in it may reach the next command or its result.
 */
class SgTransportReuseTest {
    /** Plays the kernel through FakeKernel, snapshots each header as sent, then fills the whole block with 0xFF. */
    private static final class ScribblingKernel extends FakeKernel {
        final List<byte[]> sentHeaders = new ArrayList<>();
        final List<byte[]> sentSense = new ArrayList<>();

        @Override
        public Outcome ioctl(int fd, long request, MemorySegment argument) {
            if (request != SgIoHdr.SG_IO) {
                return super.ioctl(fd, request, argument);
            }
            MemorySegment h = argument.reinterpret(SgIoHdr.LAYOUT.byteSize());
            sentHeaders.add(h.toArray(ValueLayout.JAVA_BYTE));
            SgIoHdr.Request r = SgIoHdr.request(h);
            sentSense.add(r.sense().toArray(ValueLayout.JAVA_BYTE));
            Outcome o = super.ioctl(fd, request, argument);
            // what is left after the reply is read must not matter: the cdb and sense pointers stay, the rest is junk
            SgIoHdr.Reply reply = SgIoHdr.reply(h);
            r.cdb().fill((byte) 0xFF);
            return o.failed() ? o : withJunkOutsideTheReply(h, reply, o);
        }

        private static Outcome withJunkOutsideTheReply(MemorySegment h, SgIoHdr.Reply reply, Outcome o) {
            MemorySegment cdbp = h.asSlice(SgIoHdr.offsetOf("cmdp"), 8);
            MemorySegment sbp = h.asSlice(SgIoHdr.offsetOf("sbp"), 8);
            byte[] keepCdb = cdbp.toArray(ValueLayout.JAVA_BYTE);
            byte[] keepSense = sbp.toArray(ValueLayout.JAVA_BYTE);
            h.fill((byte) 0xFF);
            MemorySegment.copy(keepCdb, 0, h, ValueLayout.JAVA_BYTE, SgIoHdr.offsetOf("cmdp"), 8);
            MemorySegment.copy(keepSense, 0, h, ValueLayout.JAVA_BYTE, SgIoHdr.offsetOf("sbp"), 8);
            SgIoHdr.writeReply(h, reply);
            return o;
        }
    }

    private final ScribblingKernel kernel = new ScribblingKernel();

    @Test
    void everyCommandStartsFromACleanHeaderAndSense() throws Exception {
        kernel.answer = cdb -> cdb[0] == 0x03 ? FakeKernel.Answer.check(SenseData.fixed(6, 0x29, 0).raw())
                : FakeKernel.Answer.good(new byte[]{9, 9});
        try (SgTransport t = SgTransport.open("/dev/sg0", kernel, 64 * 1024); Arena arena = Arena.ofConfined()) {
            ScsiResult first = t.execute(ScsiRequest.noData(new byte[]{0x03, 0, 0, 0, 18, 0}));
            assertThat(first.sense().orElseThrow().is(6, 0x29, 0)).isTrue();
            MemorySegment buf = t.allocate(arena, 2);
            ScsiResult second = t.execute(new ScsiRequest(new byte[]{0x28, 0, 0, 0, 0, 1, 0, 0, 1, 0}, DataDirection.IN,
                    buf, Duration.ofSeconds(3)));
            assertThat(second.isGood()).isTrue();
            assertThat(second.sense()).isEmpty();
            assertThat(kernel.cdbs.get(1)).containsExactly(0x28, 0, 0, 0, 0, 1, 0, 0, 1, 0);
            byte[] h = kernel.sentHeaders.get(1);
            // iovec_count, flags, pack_id, usr_ptr and every reply field: zero again, as a fresh header would be
            assertZero(h, "iovec_count", 2);
            assertZero(h, "flags", 4);
            assertZero(h, "pack_id", 4);
            assertZero(h, "usr_ptr", 8);
            assertZero(h, "status", 4);
            assertZero(h, "host_status", 2);
            assertZero(h, "driver_status", 2);
            assertZero(h, "resid", 4);
            assertZero(h, "duration", 4);
            assertZero(h, "info", 4);
            assertThat(kernel.sentSense.get(1)).containsOnly(0);
            SgIoHdr.Request sent = kernel.requests.get(1);
            assertThat(sent.cmdLen()).isEqualTo(10);
            assertThat(sent.timeoutMillis()).isEqualTo(3000);
            assertThat(sent.dxferLen()).isEqualTo(2);
        }
    }

    @Test
    void aCloseFreesTheBlockAndAReopenGetsANewOne() throws Exception {
        SgTransport t = SgTransport.open("/dev/sg0", kernel, 64 * 1024);
        t.execute(ScsiRequest.noData(new byte[6]));
        t.close();
        assertThatThrownBy(() -> t.execute(ScsiRequest.noData(new byte[6])))
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.NO_DEVICE));
        t.reopen(false);
        assertThat(t.execute(ScsiRequest.noData(new byte[6])).isGood()).isTrue();
        t.close();
        assertThat(kernel.requests).hasSize(2);
    }

    private static void assertZero(byte[] header, String field, int size) {
        int at = (int) SgIoHdr.offsetOf(field);
        for (int i = 0; i < size; i++) {
            assertThat(header[at + i]).as(field + " byte " + i).isZero();
        }
    }
}
