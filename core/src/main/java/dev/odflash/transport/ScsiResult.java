package dev.odflash.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * What a command came back with. A CHECK CONDITION is a result (with decoded sense), not an
 * exception; OS-level failures are {@link TransportException}s.
 *
 * @param status   SCSI status byte (SAM-5: 0x00 GOOD, 0x02 CHECK CONDITION, 0x08 BUSY)
 * @param sense    decoded sense data when status is CHECK CONDITION
 * @param residual bytes of the requested transfer that were not transferred
 * @param duration how long the command took (simulated time on emulated drives)
 */
public record ScsiResult(int status, Optional<SenseData> sense, long residual, Duration duration) {
    public static final int GOOD = 0x00;
    public static final int CHECK_CONDITION = 0x02;
    public static final int BUSY = 0x08;

    public static ScsiResult good(long residual, Duration duration) {
        return new ScsiResult(GOOD, Optional.empty(), residual, duration);
    }

    public static ScsiResult checkCondition(SenseData sense, Duration duration) {
        return new ScsiResult(CHECK_CONDITION, Optional.of(sense), 0, duration);
    }

    public boolean isGood() {
        return status == GOOD;
    }

    /** One line for messages: "GOOD" or the status and the sense text. */
    public String describe() {
        if (isGood()) {
            return "GOOD";
        }
        return sense.map(SenseData::describe)
                .orElse(String.format("status 0x%02X without sense data", status));
    }
}
