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
 * bytes are not public (docs/protocols.md §7.1), so chip-style access to a real drive does not exist yet.
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
    private final LinuxIo io;
    private final String lockNode;
    /** The lock's own descriptor; null while the lock sits on the O_EXCL transport descriptor instead. */
    private SgNodeLock lock;

    private LinuxDrive(String spec, SgTransport transport, Optional<DiscoveredDrive> found, LinuxIo io,
                       SgNodeLock lock) {
        this.spec = spec;
        this.transport = transport;
        this.found = found;
        this.io = io;
        this.lockNode = lock.node();
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
            return new LinuxDrive(node, SgTransport.open(node, io, max), found, io, lock);
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
     *
     * <p>The sg driver refuses an O_EXCL open while any descriptor of the node is open (EBUSY,
     * drivers/scsi/sg.c sg_open), the lock's own included. When the drive was opened by its sg node the
     * lock therefore moves onto the O_EXCL descriptor: its descriptor is closed, the node reopened
     * exclusively (which succeeds only when no other process has it open, so nobody can have taken the
     * lock in between) and locked again there. While it is held every other open of the node fails;
     * SgNodeLock names the owner from /proc/locks by the node's path.
     */
    @Override
    public ExclusiveUse acquireExclusive() throws TransportException {
        boolean moves = same(spec, lockNode);
        if (moves) {
            lock.close();
            lock = null;
        }
        try {
            transport.reopen(true);
            if (moves) {
                LinuxIo.Outcome f = transport.flock(LinuxIo.LOCK_EX | LinuxIo.LOCK_NB);
                if (f.failed()) {
                    throw new TransportException(TransportException.Kind.OS_ERROR, lockNode + ": flock failed ("
                            + Errno.name(f.errno()) + ")", f.errno(), null);
                }
            }
        } catch (TransportException e) {
            shared();
            throw e;
        }
        return new ExclusiveUse() {
            @Override
            public String describe() {
                return "flock on " + lockNode + " and O_EXCL on " + spec;
            }

            @Override
            public void close() {
                shared();
            }
        };
    }

    /** Back to a shared descriptor and the lock on its own one (best effort: the command is ending). */
    private void shared() {
        try {
            transport.reopen(false);
        } catch (TransportException ignored) {
            // the drive went away; the next command reports it
        }
        if (lock == null) {
            try {
                lock = SgNodeLock.acquire(spec, lockNode, io);
            } catch (TransportException ignored) {
                // another odflash took the drive the moment the exclusive descriptor closed: it is theirs now
            }
        }
    }

    /** Whether two node names are one node (links resolved where they exist). */
    private static boolean same(String a, String b) {
        return real(a).equals(real(b));
    }

    private static String real(String node) {
        try {
            return Path.of(node).toRealPath().toString();
        } catch (IOException e) {
            return node;
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            if (lock != null) {
                lock.close();
                lock = null;
            }
        }
    }
}
