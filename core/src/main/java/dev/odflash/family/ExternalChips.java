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
}
