package dev.odflash.nativeio.linux;

import dev.odflash.nativeio.DiscoveredDrive;
import dev.odflash.transport.ExclusiveUse;
import dev.odflash.nativeio.OpticalDriveScan;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real drive on Linux through SG_IO. The chip channel is empty: the 8051-era MTK vendor mode's wire
 * bytes are not public (protocols.md §7.1), so chip-style access to a real drive does not exist yet.
 *
 * <p>The drive is this process's from open to close: {@link SgNodeLock} takes an flock on its sg node
 * (sysfs names the sg node of an sr node, so both spellings of one drive take the same lock) before
 * anything is sent, and a second odflash is refused with "in use by PID n".
 */
public final class LinuxDrive implements Device {
    /** Used when sysfs gives no queue limit: 64 KiB is what every SG_IO path of the last 20 years takes. */
    static final long DEFAULT_MAX_TRANSFER = 64 * 1024;

    private final String spec;
    private final SgTransport transport;
    private final Optional<DiscoveredDrive> found;
    private final SgNodeLock lock;

    private LinuxDrive(String spec, SgTransport transport, Optional<DiscoveredDrive> found, SgNodeLock lock) {
        this.spec = spec;
        this.transport = transport;
        this.found = found;
        this.lock = lock;
    }

    public static LinuxDrive open(String node, Path sys) throws TransportException {
        return open(node, sys, Libc.get());
    }

    public static LinuxDrive open(String node, Path sys, LinuxIo io) throws TransportException {
        Optional<DiscoveredDrive> found = OpticalDriveScan.forNode(sys, node);
        long max = found.map(DiscoveredDrive::maxTransfer).filter(m -> m > 0).orElse(DEFAULT_MAX_TRANSFER);
        SgNodeLock lock = SgNodeLock.acquire(node, lockNode(node, found), io);
        try {
            return new LinuxDrive(node, SgTransport.open(node, io, max), found, lock);
        } catch (TransportException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The node every odflash locks for this drive: its sg node as sysfs names it; without one (no sg
     * driver loaded, or a node sysfs does not list) the node itself with links resolved (/dev/cdrom -> sr0).
     */
    static String lockNode(String node, Optional<DiscoveredDrive> found) {
        Optional<String> sg = found.flatMap(DiscoveredDrive::genericNode);
        if (sg.isPresent()) {
            return sg.get();
        }
        try {
            return Path.of(node).toRealPath().toString();
        } catch (IOException e) {
            return node; // the open reports what is wrong with it
        }
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
     * On top of the lock held since open: the node reopened with O_EXCL, so no other program (a burner,
     * a media player) can open it either while the drive is flashed.
     */
    @Override
    public ExclusiveUse acquireExclusive() throws TransportException {
        try {
            transport.reopen(true);
        } catch (TransportException e) {
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
                return "flock on " + lock.node() + " and O_EXCL on " + spec;
            }

            @Override
            public void close() {
                try {
                    transport.reopen(false);
                } catch (TransportException ignored) {
                    // the drive went away; the next command reports it
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            lock.close();
        }
    }
}
