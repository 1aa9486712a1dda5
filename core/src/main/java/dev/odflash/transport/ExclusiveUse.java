package dev.odflash.transport;

/**
 * Held while odflash must be the only user of a drive (flashing): closing it releases the drive.
 * Obtained from {@link Device#acquireExclusive()}.
 */
public interface ExclusiveUse extends AutoCloseable {
    /** What is held, for messages: "flock on /dev/sg0 and O_EXCL on /dev/sg0". */
    String describe();

    @Override
    void close();
}
