package dev.odflash.ops.flash;

import dev.odflash.plan.FlashPlan;

/**
 * What a flash will write: the chip plan of a chip-style family (erases and programs at the chip's
 * physical minimum), or the stream a download-style drive burns whole.
 */
public sealed interface WritePlan {
    /** Erase commands planned (a download erases inside the drive: 0). */
    int eraseCount();

    /** Bytes the host sends to be burnt. */
    long bytesToWrite();

    record Chip(FlashPlan plan) implements WritePlan {
        @Override
        public int eraseCount() {
            return plan.eraseCount();
        }

        @Override
        public long bytesToWrite() {
            return plan.programBytes();
        }
    }

    /** @param layout the image layout streamed (its word, for the journal and messages) */
    record Download(String layout, long streamBytes) implements WritePlan {
        @Override
        public int eraseCount() {
            return 0;
        }

        @Override
        public long bytesToWrite() {
            return streamBytes;
        }
    }
}
