package dev.odflash.family.external;

import dev.odflash.image.CheckPurpose;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.Family;
import dev.odflash.family.Recogniser;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashStrategy;
import dev.odflash.protocol.VendorProbe;
import dev.odflash.transport.Device;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Any flash chip on an external programmer clip (libflashrom): chip style, not built in this version. It
 * says so everywhere a family is asked, and refuses to flash.
 */
public final class ExternalFamily implements Family {
    private static final String NOT_BUILT = "an external programmer through libflashrom (FFM): not in this version";

    @Override
    public DriveFamily id() {
        return DriveFamily.EXTERNAL;
    }

    @Override
    public Set<ImageLayout> layouts() {
        return Set.of();
    }

    @Override
    public List<Recogniser> recognisers(Optional<byte[]> cmacKey, CheckPurpose purpose) {
        return List.of(); // a clip reads any part: its images are the drive families' layouts
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(new Capability("backup", false, NOT_BUILT), new Capability("flash", false, NOT_BUILT),
                new Capability("verify", false, NOT_BUILT));
    }

    @Override
    public Optional<FlashReader> reader(DriveInfo info, Device device) {
        return Optional.empty();
    }

    @Override
    public String noReadPathReason(DriveInfo info, Device device) {
        return NOT_BUILT;
    }

    @Override
    public Optional<VendorProbe> doctorProbe() {
        return Optional.empty();
    }

    @Override
    public String noDoctorProbeReason() {
        return "not a drive: an external programmer";
    }

    @Override
    public FlashStrategy flashStrategy(DriveInfo info, Device device, FlashOptions options, DriveProbe reprobe)
            throws OdflashException {
        throw OdflashException.refused(Gate.FAMILY, "flashing the " + id().word() + " family is not implemented in this version");
    }
}
