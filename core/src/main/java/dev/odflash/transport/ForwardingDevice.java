package dev.odflash.transport;

import java.util.List;
import java.util.Optional;

/**
 * A device layer over another (a trace, the host's vendor-mode channel, the host path's transfer limit, a
 * test hook): everything is the inner device's unless the layer overrides it. {@link #innermost} finds the
 * drive under every layer, whatever their order (docs/architecture.md "Layers and who may depend on whom").
 */
public abstract class ForwardingDevice implements Device {
    private final Device inner;

    protected ForwardingDevice(Device inner) {
        this.inner = inner;
    }

    /** The device this layer wraps. */
    public final Device inner() {
        return inner;
    }

    /** The drive under every layer. */
    public static Device innermost(Device device) {
        Device d = device;
        while (d instanceof ForwardingDevice f) {
            d = f.inner();
        }
        return d;
    }

    @Override
    public String spec() {
        return inner.spec();
    }

    @Override
    public ScsiTransport scsi() {
        return inner.scsi();
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return inner.chipChannel();
    }

    @Override
    public Optional<TaskFile> taskFile() {
        return inner.taskFile();
    }

    @Override
    public Optional<ExternalProgrammer> programmer() {
        return inner().programmer();
    }

    @Override
    public DeviceClock clock() {
        return inner.clock();
    }

    @Override
    public String pathKey() {
        return inner.pathKey();
    }

    @Override
    public boolean emulated() {
        return inner.emulated();
    }

    @Override
    public List<String> notes() {
        return inner.notes();
    }

    @Override
    public ExclusiveUse acquireExclusive() throws TransportException {
        return inner.acquireExclusive();
    }

    @Override
    public void close() {
        inner.close();
    }
}
