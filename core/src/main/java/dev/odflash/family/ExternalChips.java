package dev.odflash.family;

import dev.odflash.chip.ChipTable;
import dev.odflash.drive.DriveTable;
import dev.odflash.family.external.ExternalProbe;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;

import java.util.Optional;

/**
 * The probe of a chip on an external programmer, for ops.DriveProbe (a {@code flashrom:} device has no drive to
 * send INQUIRY to): the external family identifies the part and the contents (family.external.ExternalProbe).
 */
public final class ExternalChips {
    private ExternalChips() {
    }

    public static DriveInfo probe(Device device, ChipTable chips, DriveTable drives, Optional<String> chipOverride,
                                  Optional<String> modelOverride) throws OdflashException {
        return new ExternalProbe(chips, drives, chipOverride, modelOverride).probe(device, device.programmer().orElseThrow());
    }

    /**
     * The probe again, with the rules of the drive a library backup came from, once the user confirmed its identity
     * (a chip whose contents no longer identify a drive, issue 15 §1).
     */
    public static DriveInfo probe(Device device, ChipTable chips, DriveTable drives, Optional<String> chipOverride,
                                  LibraryBackupIdentity confirmed) throws OdflashException {
        return new ExternalProbe(chips, drives, chipOverride, Optional.of(confirmed.row().displayName()),
                "of the library backup " + confirmed.file().getFileName() + ", identity " + confirmed.key() + " confirmed")
                .probe(device, device.programmer().orElseThrow());
    }
}
