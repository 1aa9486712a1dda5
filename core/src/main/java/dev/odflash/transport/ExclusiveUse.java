package dev.odflash.transport;

/**
 * Held while odflash must be the only user of a drive (flashing): closing it releases the drive.
 * Obtained from {@link Device#acquireExclusive()}.
 */
public interface ExclusiveUse extends AutoCloseable {
    /** What is held, for messages: "lock /run/lock/odflash-0_0_0_0.lock and O_EXCL on /dev/sg0". */
    String describe();

    @Override
    void close();
}
