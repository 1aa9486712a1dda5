package dev.odflash.emulator.chip;

import java.util.List;

/**
 * The faults that happen inside the chip, taken from the drive's {@code ?fault=} list (the drive-level
 * ones, such as power loss between commands, stay with the drive). Counts start at 1 and count the
 * erase or program calls the part <em>accepts</em> (a call it rejects or refuses as locked never
 * starts, so nothing can be interrupted in it).
 *
 * @param powerLossAtErase   power is lost part-way through these erases
 * @param powerLossAtProgram power is lost part-way through these program calls
 * @param lieAtProgram       these program calls report READY but write nothing
 * @param worn               addresses of worn-out cells: an erase or program call covering one fails
 *                           (lastOperationFailed) and changes nothing; such calls are not counted as accepted
 * @param flipProbability    per-bit probability that a bit read comes back flipped, 0..1
 */
public record ChipFaults(List<Long> powerLossAtErase, List<Long> powerLossAtProgram, List<Long> lieAtProgram,
                         List<Long> worn, double flipProbability) {
    public static final ChipFaults NONE = new ChipFaults(List.of(), List.of(), List.of(), List.of(), 0);

    /** The faults without worn cells. */
    public ChipFaults(List<Long> powerLossAtErase, List<Long> powerLossAtProgram, List<Long> lieAtProgram,
                      double flipProbability) {
        this(powerLossAtErase, powerLossAtProgram, lieAtProgram, List.of(), flipProbability);
    }

    public ChipFaults {
        powerLossAtErase = List.copyOf(powerLossAtErase);
        powerLossAtProgram = List.copyOf(powerLossAtProgram);
        lieAtProgram = List.copyOf(lieAtProgram);
        worn = List.copyOf(worn);
        if (!(flipProbability >= 0 && flipProbability <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("flip probability " + flipProbability + " is outside [0, 1]");
        }
    }

    /** True when [from, from + length) holds a worn-out cell. */
    public boolean wornIn(long from, long length) {
        return worn.stream().anyMatch(a -> a >= from && a < from + length);
    }
}
