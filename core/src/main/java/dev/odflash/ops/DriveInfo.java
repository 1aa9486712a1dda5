package dev.odflash.ops;

import dev.odflash.chip.ChipSpec;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.protocol.Configuration;
import dev.odflash.protocol.InquiryData;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.SenseData;

import java.util.List;
import java.util.Optional;

/**
 * What odflash learnt about a drive: INQUIRY, the drive-table row (empty: unknown drive), the chip
 * (JEDEC IDs as read; the table row when known), the flash size and how it was found, the unit's
 * readiness (no medium is the normal case for flashing) and warnings for the user.
 */
public record DriveInfo(String spec, InquiryData inquiry, Optional<DriveModel> model, Optional<JedecId> jedecId,
                        Optional<ChipSpec> chip, Optional<FlashSize> flashSize, Optional<Configuration> configuration,
                        Optional<SenseData> notReady, boolean emulated, List<String> notes, List<String> warnings,
                        Optional<Failure.DeviceFailure> vendorModeFailure, Optional<DriveFamily> namedFamily,
                        boolean deadDrive) {
    public DriveInfo {
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** A drive that answered ATAPI (every path but the dead-drive port path, family.mtk8051.DeadDriveProbe). */
    public DriveInfo(String spec, InquiryData inquiry, Optional<DriveModel> model, Optional<JedecId> jedecId,
                     Optional<ChipSpec> chip, Optional<FlashSize> flashSize, Optional<Configuration> configuration,
                     Optional<SenseData> notReady, boolean emulated, List<String> notes, List<String> warnings,
                     Optional<Failure.DeviceFailure> vendorModeFailure, Optional<DriveFamily> namedFamily) {
        this(spec, inquiry, model, jedecId, chip, flashSize, configuration, notReady, emulated, notes, warnings,
                vendorModeFailure, namedFamily, false);
    }

    /** A drive whose family nobody named on the command line (the usual case). */
    public DriveInfo(String spec, InquiryData inquiry, Optional<DriveModel> model, Optional<JedecId> jedecId,
                     Optional<ChipSpec> chip, Optional<FlashSize> flashSize, Optional<Configuration> configuration,
                     Optional<SenseData> notReady, boolean emulated, List<String> notes, List<String> warnings,
                     Optional<Failure.DeviceFailure> vendorModeFailure) {
        this(spec, inquiry, model, jedecId, chip, flashSize, configuration, notReady, emulated, notes, warnings,
                vendorModeFailure, Optional.empty());
    }

    /**
     * Before anything that needs the drive's vendor mode (reading or writing its flash): when the probe's
     * vendor commands got no answer (a USB bridge or driver that drops them, as `doctor` says), that is the
     * run's outcome, a device failure (exit 3) for every command alike, not a refusal about the chip.
     */
    public void requireVendorMode() throws OdflashException {
        if (vendorModeFailure.isPresent()) {
            throw new OdflashException(vendorModeFailure.get());
        }
    }

    /** The drive-table row's family; without a row, the family the probe or the user named (a clip, a dead drive). */
    public Optional<DriveFamily> family() {
        return model.map(DriveModel::family).or(() -> namedFamily);
    }

    /** The drive came up in its boot loader (revision "BOOT"): the main firmware did not start. */
    public boolean bootMode() {
        return "BOOT".equals(inquiry.revision());
    }

    public boolean mediumPresent() {
        if (deadDrive) {
            return false; // no ATAPI answer: TEST UNIT READY cannot be asked, and a drive that cannot answer it reads no disc
        }
        return notReady.isEmpty() || notReady.get().asc() != 0x3A;
    }

    /** The chip name for messages: the table row, or "unknown" with the IDs. */
    public String chipText() {
        if (chip.isPresent()) {
            return chip.get().name();
        }
        return jedecId.map(id -> "unknown chip (JEDEC " + id + ")").orElse("not identified");
    }
}
