package dev.odflash.nativeio.windows;

import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.Optional;

/**
 * A real drive on Windows through SPTI (\\.\CdRomN). Exclusive use reopens the handle with share mode
 * 0, so Windows refuses every other opener (a second odflash gets ERROR_SHARING_VIOLATION: BUSY, exit 4,
 * without a PID: Windows does not say who holds a handle). No lock file: the exclusive open is the
 * lock, and the kernel drops it with the process. Untested on real Windows.
 */
public final class WindowsDrive implements Device {
    private final String spec;
    private final WinIo io;
    private SptiTransport transport;

    WindowsDrive(String spec, WinIo io, SptiTransport transport) {
        this.spec = spec;
        this.io = io;
        this.transport = transport;
    }

    public static WindowsDrive open(String spec) throws TransportException {
        WinIo io = Kernel32.get();
        return new WindowsDrive(spec, io, SptiTransport.open(spec, io, false));
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ScsiTransport scsi() {
        return transport;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return Optional.empty();
    }

    @Override
    public String pathKey() {
        return spec.substring(spec.lastIndexOf('\\') + 1);
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public List<String> notes() {
        return List.of("Windows SPTI support is untested on real Windows");
    }

    @Override
    public ExclusiveUse acquireExclusive() throws TransportException {
        transport.close();
        try {
            transport = SptiTransport.open(spec, io, true);
        } catch (TransportException e) {
            transport = SptiTransport.open(spec, io, false);
            throw e;
        }
        return new ExclusiveUse() {
            @Override
            public String describe() {
                return "share mode 0 on " + spec;
            }

            @Override
            public void close() {
                transport.close();
                try {
                    transport = SptiTransport.open(spec, io, false);
                } catch (TransportException ignored) {
                    // the drive went away; the next command reports it
                }
            }
        };
    }

    @Override
    public void close() {
        transport.close();
    }
}
