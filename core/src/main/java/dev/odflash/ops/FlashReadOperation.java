package dev.odflash.ops;

import dev.odflash.family.Families;
import dev.odflash.family.Family;
import dev.odflash.protocol.Progress;
import dev.odflash.transport.Device;

/**
 * Reads a drive's whole flash by its family's read path (two agreeing passes, safety rule 2), or
 * refuses when the drive has none through this device.
 */
public final class FlashReadOperation {
    private FlashReadOperation() {
    }

    public static VerifiedRead read(Device device, DriveInfo info, Progress progress) throws OdflashException {
        info.requireVendorMode();
        Family family = Families.of(info).orElseThrow(() -> OdflashException.refused(Gate.READ_PATH,
                "no read path to this drive's flash: " + Capabilities.backupUnavailableReason(info, device)));
        FlashReader reader = family.reader(info, device).orElseThrow(() -> OdflashException.refused(Gate.READ_PATH,
                "no read path to this drive's flash: " + family.noReadPathReason(info, device)));
        return reader.read(progress);
    }

    /** The family's regions-only read of this drive ({@link FlashReader#regionsOnly()}), if it has one. */
    public static java.util.Optional<FlashReader.RegionsReader> regionsReader(Device device, DriveInfo info) {
        return Families.of(info).flatMap(f -> f.reader(info, device)).flatMap(FlashReader::regionsOnly);
    }
}
