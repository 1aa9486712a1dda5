package dev.odflash.nativeio.windows;

import dev.odflash.transport.DataDirection;
import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransferSplit;
import dev.odflash.transport.TransportException;
import dev.odflash.transport.TransportException.Kind;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Windows SPTI: IOCTL_SCSI_PASS_THROUGH_DIRECT on a \\.\CdRomN handle. The adapter's AlignmentMask and
 * MaximumTransferLength come from IOCTL_STORAGE_QUERY_PROPERTY (StorageAdapterProperty); a buffer that
 * does not satisfy the mask is bounced through an aligned copy, so the "incorrect user buffer" error
 * (ERROR_INVALID_USER_BUFFER) cannot happen. Untested on real Windows.
 */
public final class SptiTransport implements ScsiTransport {
    private final String name;
    private final WinIo io;
    private final DeviceClock clock = DeviceClock.wall();
    private final StorageDescriptors.Adapter adapter;
    private long handle;

    SptiTransport(String name, WinIo io, long handle, StorageDescriptors.Adapter adapter) {
        this.name = name;
        this.io = io;
        this.handle = handle;
        this.adapter = adapter;
    }

    /** Opens {@code name} read/write, shared unless {@code exclusive}, and reads the adapter descriptor. */
    public static SptiTransport open(String name, WinIo io, boolean exclusive) throws TransportException {
        int share = exclusive ? 0 : WinIo.FILE_SHARE_READ | WinIo.FILE_SHARE_WRITE;
        WinIo.Opened h = io.createFile(name, WinIo.GENERIC_READ | WinIo.GENERIC_WRITE, share);
        if (h.failed()) {
            throw Win32Errors.map(name, "CreateFileW", h.lastError(), 0);
        }
        return new SptiTransport(name, io, h.handle(), queryAdapter(name, io, h.handle()));
    }

    static StorageDescriptors.Adapter queryAdapter(String name, WinIo io, long handle) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment q = arena.allocate(StorageDescriptors.QUERY);
            StorageDescriptors.fillQuery(q, StorageDescriptors.STORAGE_ADAPTER_PROPERTY);
            MemorySegment a = arena.allocate(StorageDescriptors.ADAPTER);
            WinIo.Result r = io.deviceIoControl(handle, StorageDescriptors.IOCTL_STORAGE_QUERY_PROPERTY, q, a);
            if (!r.ok() || r.bytesReturned() < 20) {
                // no descriptor: assume the strictest common case (DWORD alignment) and 64 KiB
                return new StorageDescriptors.Adapter(64 * 1024, 3, 0);
            }
            StorageDescriptors.Adapter got = StorageDescriptors.adapter(a);
            long max = got.maxTransferLength() == 0 ? 64 * 1024 : got.maxTransferLength();
            return new StorageDescriptors.Adapter(max, got.alignmentMask(), got.busType());
        }
    }

    public StorageDescriptors.Adapter adapter() {
        return adapter;
    }

    @Override
    public ScsiResult execute(ScsiRequest request) throws TransportException {
        if (handle == -1) {
            throw new TransportException(Kind.NO_DEVICE, name + " is closed");
        }
        if (request.length() > adapter.maxTransferLength()) {
            Optional<List<TransferSplit.Chunk>> chunks = request.direction() == DataDirection.IN
                    ? TransferSplit.split(request.cdb(), request.length(), adapter.maxTransferLength()) : Optional.empty();
            if (chunks.isEmpty()) {
                throw new TransportException(Kind.TRANSFER_TOO_LARGE, name + ": " + request.length()
                        + " bytes is more than the adapter's MaximumTransferLength " + adapter.maxTransferLength());
            }
            long residual = 0;
            Duration total = Duration.ZERO;
            for (TransferSplit.Chunk c : chunks.get()) {
                ScsiResult r = single(new ScsiRequest(c.cdb(), DataDirection.IN,
                        request.data().asSlice(c.offset(), c.length()), request.timeout()));
                total = total.plus(r.duration());
                residual += r.residual();
                if (!r.isGood()) {
                    return new ScsiResult(r.status(), r.sense(), residual + request.length() - c.offset() - c.length(), total);
                }
            }
            return new ScsiResult(ScsiResult.GOOD, Optional.empty(), residual, total);
        }
        return single(request);
    }

    private ScsiResult single(ScsiRequest request) throws TransportException {
        long length = request.length();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment user = request.data();
            long alignment = Math.max(8, (long) adapter.alignmentMask() + 1);
            boolean bounce = length > 0 && (!user.isNative() || (user.address() & adapter.alignmentMask()) != 0);
            MemorySegment data = bounce ? arena.allocate(length, Math.max(alignment, 4096)) : user;
            if (bounce && request.direction() == DataDirection.OUT) {
                data.copyFrom(user);
            }
            MemorySegment s = arena.allocate(ScsiPassThroughDirect.WITH_BUFFER);
            byte dir = switch (request.direction()) {
                case NONE -> ScsiPassThroughDirect.SCSI_IOCTL_DATA_UNSPECIFIED;
                case IN -> ScsiPassThroughDirect.SCSI_IOCTL_DATA_IN;
                case OUT -> ScsiPassThroughDirect.SCSI_IOCTL_DATA_OUT;
            };
            long seconds = Math.clamp((request.timeout().toMillis() + 999) / 1000, 1, Integer.MAX_VALUE);
            ScsiPassThroughDirect.fill(s, request.cdb(), dir, length == 0 ? MemorySegment.NULL : data, (int) seconds);
            long start = System.nanoTime();
            WinIo.Result r = io.deviceIoControl(handle, ScsiPassThroughDirect.IOCTL_SCSI_PASS_THROUGH_DIRECT, s, s);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (!r.ok()) {
                throw Win32Errors.map(name, String.format("command 0x%02X", request.opcode()), r.lastError(), length);
            }
            int status = ScsiPassThroughDirect.status(s);
            long residual = Math.max(0, length - ScsiPassThroughDirect.transferred(s));
            if (status == ScsiResult.CHECK_CONDITION && ScsiPassThroughDirect.senseLength(s) > 0) {
                return new ScsiResult(status, Optional.of(SenseData.parse(ScsiPassThroughDirect.sense(s))), residual, took);
            }
            if (bounce && request.direction() == DataDirection.IN) {
                user.copyFrom(data);
            }
            return new ScsiResult(status, Optional.empty(), residual, took);
        }
    }

    @Override
    public long maxTransferLength() {
        return adapter.maxTransferLength();
    }

    @Override
    public int alignmentMask() {
        return adapter.alignmentMask();
    }

    @Override
    public DeviceClock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        if (handle != -1) {
            io.closeHandle(handle);
            handle = -1;
        }
    }
}
