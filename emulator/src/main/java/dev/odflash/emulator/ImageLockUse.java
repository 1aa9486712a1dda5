package dev.odflash.emulator;

import dev.odflash.transport.Device;
import dev.odflash.transport.ExclusiveUse;

/**
 * Exclusive use of an emulated drive: its {@code ?image=} file is locked from the moment the drive
 * opens until it closes ({@link FlashImageStore}), so there is nothing more to take; an in-memory
 * drive lives in this process only.
 */
public final class ImageLockUse {
    private ImageLockUse() {
    }

    public static ExclusiveUse of(Device drive, FlashImageStore store) {
        String what = store.file().map(f -> "lock on " + f.toAbsolutePath() + " (held since the drive was opened)")
                .orElse("nothing to lock (" + drive.spec() + " lives in this process)");
        return new ExclusiveUse() {
            @Override
            public String describe() {
                return what;
            }

            @Override
            public void close() {
                // the lock goes when the drive closes
            }
        };
    }
}
