package dev.odflash.nativeio.windows;

import dev.odflash.nativeio.DiscoveredDrive;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPTI against a fake storage driver that enforces AlignmentMask the way Windows does. */
class SptiTransportTest {
    static final class FakeDriver implements WinIo {
        int alignmentMask = 0x1FF;
        int maxTransfer = 0x10000;
        int createError;
        final List<Integer> shares = new ArrayList<>();
        final List<Long> bufferAddresses = new ArrayList<>();
        byte[] answer = {1, 2, 3, 4};
        byte[] sense;

        @Override
        public Opened createFile(String name, int access, int share) {
            shares.add(share);
            return createError != 0 ? new Opened(-1, createError) : new Opened(42, 0);
        }

        @Override
        public Result deviceIoControl(long handle, int code, MemorySegment in, MemorySegment out) {
            if (code == StorageDescriptors.IOCTL_STORAGE_QUERY_PROPERTY) {
                int property = in.get(ValueLayout.JAVA_INT, 0);
                if (property == StorageDescriptors.STORAGE_ADAPTER_PROPERTY) {
                    out.set(ValueLayout.JAVA_INT, 8, maxTransfer);
                    out.set(ValueLayout.JAVA_INT, 16, alignmentMask);
                    out.set(ValueLayout.JAVA_BYTE, 24, (byte) StorageDescriptors.BUS_SATA);
                    return new Result(true, 32, 0);
                }
                out.set(ValueLayout.JAVA_INT, 12, 40);
                out.set(ValueLayout.JAVA_INT, 16, 49);
                out.set(ValueLayout.JAVA_INT, 20, 67);
                out.set(ValueLayout.JAVA_INT, 28, StorageDescriptors.BUS_USB);
                byte[] strings = ("ASUS\0\0\0\0\0CRW-5224A\0\0\0\0\0\0\0\0\0" + "1.10\0").getBytes(StandardCharsets.US_ASCII);
                MemorySegment.copy(strings, 0, out, ValueLayout.JAVA_BYTE, 40, strings.length);
                return new Result(true, 72, 0);
            }
            assertThat(code).isEqualTo(ScsiPassThroughDirect.IOCTL_SCSI_PASS_THROUGH_DIRECT);
            MemorySegment s = in.reinterpret(ScsiPassThroughDirect.WITH_BUFFER.byteSize());
            assertThat(s.get(ValueLayout.JAVA_SHORT, 0)).isEqualTo((short) 56);
            MemorySegment data = ScsiPassThroughDirect.dataBuffer(s);
            bufferAddresses.add(data.address());
            if ((data.address() & alignmentMask) != 0) {
                return new Result(false, 0, Win32Errors.ERROR_INVALID_USER_BUFFER);
            }
            if (sense != null) {
                ScsiPassThroughDirect.writeReply(s, 2, sense, 0);
            } else {
                MemorySegment.copy(answer, 0, data, ValueLayout.JAVA_BYTE, 0, (int) Math.min(answer.length, data.byteSize()));
                ScsiPassThroughDirect.writeReply(s, 0, new byte[0], Math.min(answer.length, data.byteSize()));
            }
            return new Result(true, 96, 0);
        }

        @Override
        public void closeHandle(long handle) {
        }
    }

    private final FakeDriver driver = new FakeDriver();

    @Test
    void readsAlignmentAndLimitFromTheAdapterDescriptor() throws Exception {
        try (SptiTransport t = SptiTransport.open("\\\\.\\CdRom0", driver, false)) {
            assertThat(t.alignmentMask()).isEqualTo(0x1FF);
            assertThat(t.maxTransferLength()).isEqualTo(0x10000);
            try (Arena arena = Arena.ofConfined()) {
                assertThat(t.allocate(arena, 36).address() & 0x1FF).isZero();
            }
        }
        assertThat(driver.shares).containsExactly(WinIo.FILE_SHARE_READ | WinIo.FILE_SHARE_WRITE);
    }

    @Test
    void aMisalignedBufferIsBouncedSoIncorrectUserBufferCannotHappen() throws Exception {
        try (SptiTransport t = SptiTransport.open("\\\\.\\CdRom0", driver, false); Arena arena = Arena.ofConfined()) {
            MemorySegment odd = arena.allocate(4096 + 8, 4096).asSlice(3, 8);
            ScsiResult r = t.execute(ScsiRequest.in(new byte[]{0x12, 0, 0, 0, 8, 0}, odd));
            assertThat(r.isGood()).isTrue();
            assertThat(r.residual()).isEqualTo(4);
            assertThat(odd.get(ValueLayout.JAVA_BYTE, 3)).isEqualTo((byte) 4);
            assertThat(driver.bufferAddresses.getFirst() & 0x1FF).isZero();
        }
    }

    @Test
    void senseComesBackFromTheBufferAfterTheStruct() throws Exception {
        driver.sense = SenseData.fixed(5, 0x20, 0).raw();
        try (SptiTransport t = SptiTransport.open("\\\\.\\CdRom0", driver, false); Arena arena = Arena.ofConfined()) {
            ScsiResult r = t.execute(ScsiRequest.in(new byte[]{0x3C, 3, 0, 0, 0, 0, 0, 0, 4, 0}, t.allocate(arena, 4)));
            assertThat(r.sense().orElseThrow().is(5, 0x20, 0)).isTrue();
        }
    }

    @Test
    void openErrorsAreMapped() {
        driver.createError = Win32Errors.ERROR_ACCESS_DENIED;
        assertThatThrownBy(() -> SptiTransport.open("\\\\.\\CdRom0", driver, false))
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.PERMISSION))
                .hasMessageContaining("administrator");
        driver.createError = Win32Errors.ERROR_SHARING_VIOLATION;
        assertThatThrownBy(() -> SptiTransport.open("\\\\.\\CdRom0", driver, true))
                .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(Kind.BUSY));
        assertThat(driver.shares.getLast()).isZero();
        assertThat(Win32Errors.map("x", "y", Win32Errors.ERROR_INVALID_PARAMETER, 1 << 20).kind())
                .isEqualTo(Kind.TRANSFER_TOO_LARGE);
        assertThat(Win32Errors.map("x", "y", Win32Errors.ERROR_SEM_TIMEOUT, 0).kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Win32Errors.map("x", "y", Win32Errors.ERROR_INVALID_FUNCTION, 0).kind()).isEqualTo(Kind.NOT_SCSI);
    }

    @Test
    void enumerationReadsTheDeviceDescriptor() {
        List<DiscoveredDrive> drives = CdRomEnumeration.scan(driver);
        assertThat(drives).hasSize(CdRomEnumeration.MAX_DRIVES);
        DiscoveredDrive d = drives.getFirst();
        assertThat(d.blockNode()).contains("\\\\.\\CdRom0");
        assertThat(d.vendor()).isEqualTo("ASUS");
        assertThat(d.product()).isEqualTo("CRW-5224A");
        assertThat(d.revision()).isEqualTo("1.10");
        assertThat(d.bus().viaUsb()).isTrue();
    }
}
