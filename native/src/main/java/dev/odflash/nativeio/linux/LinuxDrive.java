package dev.odflash.nativeio.linux;

import dev.odflash.nativeio.DeviceLock;
import dev.odflash.nativeio.DiscoveredDrive;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.nativeio.OpticalDriveScan;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real drive on Linux through SG_IO. The chip channel is empty: the 8051-era MTK vendor mode's wire
 * bytes are not public (protocols.md §7.1), so chip-style access to a real drive does not exist yet.
 */
public final class LinuxDrive implements Device {
    /** Used when sysfs gives no queue limit: 64 KiB is what every SG_IO path of the last 20 years takes. */
    static final long DEFAULT_MAX_TRANSFER = 64 * 1024;

    private final String spec;
    private final SgTransport transport;
    private final Optional<DiscoveredDrive> found;
    private final Path lockDirectory;

    private LinuxDrive(String spec, SgTransport transport, Optional<DiscoveredDrive> found, Path lockDirectory) {
        this.spec = spec;
        this.transport = transport;
        this.found = found;
        this.lockDirectory = lockDirectory;
    }

    public static LinuxDrive open(String node, Path sys, Path lockDirectory) throws TransportException {
        return open(node, sys, lockDirectory, Libc.get());
    }

    public static LinuxDrive open(String node, Path sys, Path lockDirectory, LinuxIo io) throws TransportException {
        Optional<DiscoveredDrive> found = OpticalDriveScan.forNode(sys, node);
        long max = found.map(DiscoveredDrive::maxTransfer).filter(m -> m > 0).orElse(DEFAULT_MAX_TRANSFER);
        return new LinuxDrive(node, SgTransport.open(node, io, max), found, lockDirectory);
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ScsiTransport scsi() {
        return transport;
    }

    public SgTransport sg() {
        return transport;
    }

    /** What sysfs says about this drive (empty for a node sysfs does not list as an optical drive). */
    public Optional<DiscoveredDrive> discovered() {
        return found;
    }

    @Override
    public Optional<ChipChannel> chipChannel() {
        return Optional.empty();
    }

    @Override
    public String pathKey() {
        return found.map(DiscoveredDrive::id).orElse(spec);
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        found.ifPresent(f -> notes.add("attached " + f.bus().description()));
        found.filter(f -> f.bus().viaUsb()).ifPresent(f -> notes.add("USB bridges may drop vendor commands;"
                + " `odflash doctor --device " + spec + "` checks whether they reach the drive"));
        if (transport.readOnly()) {
            notes.add(spec + " is open read-only (no write permission): write commands will be refused");
        }
        return notes;
    }

    /**
     * The lock file (keyed by the SCSI address, so sg and sr nodes of one drive share it), then the
     * node reopened with O_EXCL; released in reverse order.
     */
    @Override
    public ExclusiveUse acquireExclusive() throws TransportException {
        DeviceLock lock = DeviceLock.acquire(lockDirectory, pathKey(), spec);
        try {
            transport.reopen(true);
        } catch (TransportException e) {
            lock.close();
            try {
                transport.reopen(false);
            } catch (TransportException ignored) {
                // the first failure is the one to report
            }
            throw e;
        }
        return new ExclusiveUse() {
            @Override
            public String describe() {
                return "lock " + lock.file() + " and O_EXCL on " + spec;
            }

            @Override
            public void close() {
                try {
                    transport.reopen(false);
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
