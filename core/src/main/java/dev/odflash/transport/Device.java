package dev.odflash.transport;

import java.util.List;
import java.util.Optional;

/**
 * An opened drive as the device-spec resolver hands it to operations: its SCSI path, a chip-level
 * channel where the family offers one, and what a user should know about how it is reached.
 */
public interface Device extends AutoCloseable {
    /** The device spec as the user gave it ("/dev/sg3", "emu:asus-crw-5224a?image=f.bin"). */
    String spec();

    ScsiTransport scsi();

    /** The vendor-mode or programmer chip channel; empty where this path has none. */
    Optional<ChipChannel> chipChannel();

    /**
     * The drive's ATA task-file registers, where this path reaches them (the emulated 8051-era drive; a port-I/O
     * path): the host builds its vendor-mode chip channel on them (docs/protocols.md §2.6). Empty by default.
     */
    default Optional<TaskFile> taskFile() {
        return Optional.empty();
    }

    /**
     * The external programmer behind a {@code flashrom:} device (a clip on the chip, no drive to ask): its probe
     * and the chip's write protection. Empty for drives.
     */
    default Optional<ExternalProgrammer> programmer() {
        return Optional.empty();
    }

    default DeviceClock clock() {
        return scsi().clock();
    }

    /** Identifies this drive for journals when it reports no serial (emulated: the image path). */
    String pathKey();

    /** True for the built-in emulated drives. */
    boolean emulated();

    /** Statements about what is modelled rather than verified (shown by info and the README). */
    List<String> notes();

    /**
     * Takes the drive for exclusive use while flashing, on top of the lock a drive holds from its open
     * to its close (Linux: an flock on the sg node; emulated: a lock on the {@code ?image=} file; a
     * second opener gets a {@link TransportException} of kind BUSY saying "in use by PID n"): real
     * drives add the OS's exclusive open, so no other program opens the node either. A drive with
     * nothing to share (in-memory emulated, a replay) has nothing more to take.
     */
    default ExclusiveUse acquireExclusive() throws TransportException {
        return new ExclusiveUse() {
            @Override
            public String describe() {
                return "nothing to lock (" + spec() + " lives in this process)";
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    void close();
}
