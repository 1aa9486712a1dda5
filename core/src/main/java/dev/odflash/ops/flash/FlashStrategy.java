package dev.odflash.ops.flash;

import dev.odflash.ops.FlashReader;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;

import java.util.Optional;

/**
 * A family's way of writing an image, behind the one flash pipeline ({@link FlashOperation}): a chip plan
 * executed through a chip channel ({@link ChipWrite}), or a download the drive burns. The pipeline owns
 * the order and the safety rules (docs/architecture.md "Safety rules"); the strategy owns the bytes.
 */
public interface FlashStrategy {
    /** The size the image must have: the chip's, or the layout's one size. */
    long flashSize();

    /** What the journal records as the unit written: the chip's name, or the layout's word. */
    String unit();

    /** The read path, when the family can read this drive's flash: a backup is then taken before writing. */
    Optional<FlashReader> reader();

    /** Chip style plans from what the chip holds, so the pipeline reads before planning (dry runs too). */
    boolean plansFromContent();

    /**
     * Per-unit gates and patches, before anything is written (MT19xx: the boot ID must match, the drive's
     * config and calibration are kept). Returns the bytes to write; the file's own bytes by default.
     */
    default Prepared prepare(byte[] file) throws OdflashException {
        return new Prepared(file.clone(), false);
    }

    /** The write, planned; refuses what the plan may not do (the boot region, safety rule 3). */
    WritePlan plan(Optional<byte[]> current, byte[] image, FlashOptions options) throws OdflashException;

    /**
     * Writes the plan and verifies the result (safety rule 5); a failure says the journal is kept and how
     * to finish.
     */
    Written write(WritePlan plan, Optional<byte[]> current, byte[] image, String toVersion, FlashOptions options,
                  Progress progress) throws OdflashException;

    /** The bytes to write and whether they carry this unit's own data instead of the file's. */
    record Prepared(byte[] image, boolean perUnitDataKept) {
    }
}
