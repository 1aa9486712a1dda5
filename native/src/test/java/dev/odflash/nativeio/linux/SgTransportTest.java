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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SgTransportTest {
    private final FakeKernel kernel = new FakeKernel();

    private SgTransport open() throws TransportException {
        return SgTransport.open("/dev/sg0", kernel, 64 * 1024);
    }

    @Test
    void opensReadWriteNonBlockingAndChecksForSgIo() throws Exception {
        try (SgTransport t = open()) {
            assertThat(kernel.openFlags).containsExactly(LinuxIo.O_RDWR | LinuxIo.O_NONBLOCK | LinuxIo.O_CLOEXEC);
            assertThat(t.readOnly()).isFalse();
        }
        assertThat(kernel.closes).isEqualTo(1);
    }

    @Test
    void fallsBackToReadOnlyWithoutWritePermission() throws Exception {
        kernel.openErrno = Errno.EACCES;
        try (SgTransport t = open()) {
            assertThat(t.readOnly()).isTrue();
            assertThat(kernel.openFlags.get(1) & 3).isEqualTo(LinuxIo.O_RDONLY);
        }
    }

    @Test
    void noPermissionAtAllIsAPermissionError() {
        kernel.openErrno = Errno.EACCES;
        kernel.readOnlyOpenErrno = Errno.EACCES;
        assertThatThrownBy(this::open).isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.PERMISSION))
                .hasMessageContaining("udev");
    }

    @Test
    void aNodeThatIsNotScsiIsRefusedAtOpen() {
        kernel.notScsi = true;
        assertThatThrownBy(this::open).satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.NOT_SCSI));
        assertThat(kernel.closes).isEqualTo(1);
    }

    @Test
    void realDevNullAnswersEnottyThroughFfm() {
        assertThatThrownBy(() -> SgTransport.open("/dev/null", Libc.get(), 65536))
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.NOT_SCSI))
                .hasMessageContaining("not a SCSI device");
        assertThatThrownBy(() -> SgTransport.open("/dev/no-such-node", Libc.get(), 65536))
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.NO_DEVICE));
    }

    @Test
    void dataInCdbTimeoutAndResidualGoThroughTheHeader() throws Exception {
        kernel.answer = cdb -> FakeKernel.Answer.good(new byte[]{5, (byte) 0x80, 5, 0x32});
        try (SgTransport t = open(); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = t.allocate(arena, 36);
            ScsiResult r = t.execute(new ScsiRequest(new byte[]{0x12, 0, 0, 0, 36, 0}, DataDirection.IN, buf,
                    Duration.ofSeconds(7)));
            assertThat(r.isGood()).isTrue();
            assertThat(r.residual()).isEqualTo(32);
            assertThat(buf.get(ValueLayout.JAVA_BYTE, 1)).isEqualTo((byte) 0x80);
            SgIoHdr.Request sent = kernel.requests.getFirst();
            assertThat(sent.direction()).isEqualTo(SgIoHdr.SG_DXFER_FROM_DEV);
            assertThat(sent.cmdLen()).isEqualTo(6);
            assertThat(sent.timeoutMillis()).isEqualTo(7000);
            assertThat(sent.dxferLen()).isEqualTo(36);
            assertThat(sent.data().address() % 4096).isZero();
        }
    }

    @Test
    void heapBuffersAreBouncedThroughAPageAlignedCopy() throws Exception {
        kernel.answer = cdb -> FakeKernel.Answer.good(new byte[]{1, 2, 3, 4});
        try (SgTransport t = open()) {
            MemorySegment heap = MemorySegment.ofArray(new byte[4]);
            t.execute(ScsiRequest.in(new byte[]{0x12, 0, 0, 0, 4, 0}, heap));
            assertThat(heap.toArray(ValueLayout.JAVA_BYTE)).containsExactly(1, 2, 3, 4);
            assertThat(kernel.requests.getFirst().data().address() % 4096).isZero();
        }
    }

    @Test
    void checkConditionIsAResultWithSense() throws Exception {
        kernel.answer = cdb -> FakeKernel.Answer.check(SenseData.fixed(5, 0x20, 0).raw());
        try (SgTransport t = open()) {
            ScsiResult r = t.execute(ScsiRequest.noData(new byte[]{(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
            assertThat(r.status()).isEqualTo(ScsiResult.CHECK_CONDITION);
            assertThat(r.sense().orElseThrow().is(5, 0x20, 0)).isTrue();
            assertThat(kernel.requests.getFirst().direction()).isEqualTo(SgIoHdr.SG_DXFER_NONE);
        }
    }

    @Test
    void hostStatusBecomesAnException() throws Exception {
        kernel.answer = cdb -> FakeKernel.Answer.host(HostStatus.DID_TIME_OUT);
        try (SgTransport t = open()) {
            assertThatThrownBy(() -> t.execute(ScsiRequest.noData(new byte[6])))
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.TIMEOUT))
                    .hasMessageContaining("DID_TIME_OUT");
        }
    }

    @Test
    void einvalOnALargeReadSplitsItAndRemembersTheLimit() throws Exception {
        kernel.acceptLimit = 32 * 1024;
        kernel.answer = cdb -> {
            byte[] d = new byte[(cdb[8] & 0xFF) * 2048];
            java.util.Arrays.fill(d, cdb[5]); // each sector filled with its LBA's low byte
            return FakeKernel.Answer.good(d);
        };
        try (SgTransport t = open(); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = t.allocate(arena, 32 * 2048);
            ScsiResult r = t.execute(ScsiRequest.in(new byte[]{0x28, 0, 0, 0, 0, 0x10, 0, 0, 32, 0}, buf));
            assertThat(r.isGood()).isTrue();
            assertThat(t.maxTransferLength()).isEqualTo(32 * 1024);
            assertThat(buf.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 0x10);
            assertThat(buf.get(ValueLayout.JAVA_BYTE, 16 * 2048)).isEqualTo((byte) 0x20);
            // the refused 64 KiB try, then two 32 KiB reads at LBA 16 and 32
            assertThat(kernel.cdbs).hasSize(3);
            assertThat(kernel.cdbs.get(2)[5]).isEqualTo((byte) 0x20);
            assertThat(kernel.cdbs.get(2)[8]).isEqualTo((byte) 16);
            kernel.cdbs.clear();
            t.execute(ScsiRequest.in(new byte[]{0x28, 0, 0, 0, 0, 0, 0, 0, 32, 0}, buf));
            assertThat(kernel.cdbs).hasSize(2); // the limit is remembered: no refused try any more
        }
    }

    @Test
    void writesAreNeverSplit() throws Exception {
        kernel.acceptLimit = 16 * 1024;
        try (SgTransport t = open(); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = t.allocate(arena, 32 * 1024);
            byte[] wb = {0x3B, 0x06, 0, 0, 0, 0, 0, (byte) 0x80, 0, 0};
            assertThatThrownBy(() -> t.execute(ScsiRequest.out(wb, buf, Duration.ofSeconds(60))))
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.TRANSFER_TOO_LARGE))
                    .hasMessageContaining("16384 bytes a command");
            kernel.cdbs.clear();
            assertThatThrownBy(() -> t.execute(ScsiRequest.out(wb, buf, Duration.ofSeconds(60))))
                    .hasMessageContaining("smaller pieces");
            assertThat(kernel.cdbs).isEmpty(); // refused before sending
        }
    }

    /**
     * A transport is confined to the thread that opened it (SgTransport's javadoc): another thread's
     * command, reopen, flock or close fails at once and sends nothing; the owner goes on using it.
     */
    @Test
    void aUseFromAnotherThreadFailsFastAndSendsNothing() throws Exception {
        try (SgTransport t = open()) {
            java.util.List<Throwable> failures = new java.util.ArrayList<>();
            java.util.List<org.junit.jupiter.api.function.Executable> uses = java.util.List.of(
                    () -> t.execute(ScsiRequest.noData(new byte[6])),
                    () -> t.reopen(true),
                    () -> t.flock(LinuxIo.LOCK_EX | LinuxIo.LOCK_NB),
                    t::maxTransferLength,
                    t::readOnly,
                    t::close);
            Thread other = Thread.ofPlatform().name("intruder").start(() -> {
                for (var use : uses) {
                    try {
                        use.execute();
                        failures.add(null);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            other.join(java.time.Duration.ofSeconds(10));
            assertThat(failures).hasSize(uses.size()).allSatisfy(e -> assertThat(e)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/dev/sg0")
                    .hasMessageContaining("thread 'intruder'")
                    .hasMessageContaining("thread '" + Thread.currentThread().getName() + "'"));
            assertThat(kernel.cdbs).as("nothing reached the kernel").isEmpty();
            assertThat(kernel.openFlags).as("no reopen").hasSize(1);
            assertThat(kernel.flocks).as("no flock").isEmpty();
            assertThat(kernel.closes).as("the descriptor is still open").isZero();
            assertThat(t.execute(ScsiRequest.noData(new byte[6])).isGood()).as("the owner still uses it").isTrue();
        }
        assertThat(kernel.closes).isEqualTo(1);
    }

    @Test
    void ioctlErrnoIsMapped() throws Exception {
        kernel.answer = cdb -> FakeKernel.Answer.errno(Errno.EPERM);
        try (SgTransport t = open()) {
            assertThatThrownBy(() -> t.execute(ScsiRequest.noData(new byte[6])))
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.PERMISSION));
        }
    }
}
