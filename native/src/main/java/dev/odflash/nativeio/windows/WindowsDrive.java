package dev.odflash.nativeio.windows;

import dev.odflash.nativeio.DeviceLock;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real drive on Windows through SPTI (\\.\CdRomN). Exclusive use reopens the handle with share mode
 * 0, so Windows refuses every other opener, and takes the odflash lock file. Untested on real Windows.
 */
public final class WindowsDrive implements Device {
    private final String spec;
    private final WinIo io;
    private final Path lockDirectory;
    private SptiTransport transport;

    WindowsDrive(String spec, WinIo io, SptiTransport transport, Path lockDirectory) {
        this.spec = spec;
        this.io = io;
        this.transport = transport;
        this.lockDirectory = lockDirectory;
    }

    public static WindowsDrive open(String spec, Path lockDirectory) throws TransportException {
        WinIo io = Kernel32.get();
        return new WindowsDrive(spec, io, SptiTransport.open(spec, io, false), lockDirectory);
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
        DeviceLock lock = DeviceLock.acquire(lockDirectory, pathKey(), spec);
        transport.close();
        try {
            transport = SptiTransport.open(spec, io, true);
        } catch (TransportException e) {
            lock.close();
            transport = SptiTransport.open(spec, io, false);
            throw e;
        }
        return new ExclusiveUse() {
            @Override
            public String describe() {
                return "lock " + lock.file() + " and share mode 0 on " + spec;
            }

            @Override
            public void close() {
                transport.close();
                try {
                    transport = SptiTransport.open(spec, io, false);
                } catch (TransportException ignored) {
                    // the drive went away; the next command reports it
                } finally {
                    lock.close();
                }
            }
        };
    }

    @Override
    public void close() {
        transport.close();
    }
}
