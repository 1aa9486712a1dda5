package dev.odflash.ops.flash;

/**
 * What a write did.
 *
 * @param erases          erase commands executed, over every round
 * @param programmedBytes bytes burnt by the host's program commands, over every round (chip style)
 * @param streamedBytes   bytes streamed to the drive (download style)
 * @param rounds          1 normally; more when a read-back showed a step did not take and it was re-planned
 */
public record Written(int erases, long eraseBytes, long programmedBytes, long streamedBytes, int rounds,
                      Verification verification) {
    static final Written NOTHING = new Written(0, 0, 0, 0, 0, Verification.NONE);
}
