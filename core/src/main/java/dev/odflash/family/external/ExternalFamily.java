package dev.odflash.family.external;

import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.Family;
import dev.odflash.family.Recogniser;
import dev.odflash.image.CheckPurpose;
import dev.odflash.ops.Capability;
import dev.odflash.ops.ChipFlashReader;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.ChipWrite;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashStrategy;
import dev.odflash.protocol.VendorProbe;
import dev.odflash.transport.Device;
import dev.odflash.transport.ExternalProgrammer;
import dev.odflash.transport.TransportException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Any flash chip on an external programmer clip, through libflashrom (docs/architecture.md "Drive families"):
 * chip style. The chip is read and written through the device's chip channel, so backup (two agreeing reads),
 * the planner, the journal, resume and verify are the chip-style pipeline's ({@link ChipWrite}). What a drive
 * protects itself, the clip must protect: the boot region comes from the layout and drive-table row the chip's
 * current contents identify (ops.ExternalProbe), and a write-protected range is written only after the user
 * allowed clearing the protection.
 */
public final class ExternalFamily implements Family {
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
    public List<Capability> capabilities(DriveInfo info, Device device) {
        String read = "read the chip through the programmer (libflashrom), two passes that must agree, SHA-256";
        Optional<String> noFlash = flashRefusal(info, device);
        String flash = noFlash.map(why -> "refused: " + why).orElse("the chip-style plan at the chip's physical"
                + " minimum, written region by region through libflashrom with a fresh reference read, a journal,"
                + " read-back of every region and a whole-chip verify by odflash's own reads");
        return List.of(new Capability("backup", device.chipChannel().isPresent(), read),
                new Capability("flash", noFlash.isEmpty(), flash),
                new Capability("verify", device.chipChannel().isPresent(), "two agreeing reads compared with a file;"
                        + " `status` compares with the backup library of the drive the contents identify"));
    }

    @Override
    public List<Capability> capabilities() {
        String how = "a chip on an external programmer clip (flashrom:PROGRAMMER[:PARAMS], libflashrom 1.3)";
        return List.of(new Capability("backup", true, how + ": two agreeing whole-chip reads"),
                new Capability("flash", true, how + ": the chip-style plan, journal and verify; the boot region and"
                        + " write protection of the drive the contents identify are kept"),
                new Capability("verify", true, "two agreeing reads compared with a file"));
    }

    /** Why this chip cannot be flashed, or empty when it can. */
    private static Optional<String> flashRefusal(DriveInfo info, Device device) {
        if (device.chipChannel().isEmpty()) {
            return Optional.of("no chip was probed on the programmer");
        }
        if (info.chip().isEmpty()) {
            return Optional.of("the probed part is in no chip row; name it with " + Choice.CHIP_NAMED.mention() + " NAME");
        }
        if (info.model().isEmpty()) {
            return Optional.of("the chip's contents are not recognised, so odflash cannot tell which boot region and"
                    + " per-unit data the drive would have protected: flash a backup of this drive from the backup library"
                    + " (its identity is confirmed first), or name the drive with " + Choice.MODEL_NAMED.mention()
                    + " NAME (a drive-table row), and give " + Choice.INCLUDE_BOOT.mention() + " to restore it");
        }
        return Optional.empty();
    }

    @Override
    public Optional<FlashReader> reader(DriveInfo info, Device device) {
        return device.chipChannel().map(channel -> progress -> new ChipFlashReader(device, channel,
                info.flashSize().orElseThrow().bytes()).read(progress));
    }

    @Override
    public String noReadPathReason(DriveInfo info, Device device) {
        return "no chip was probed on the programmer " + device.spec();
    }

    @Override
    public Optional<VendorProbe> doctorProbe() {
        return Optional.empty();
    }

    @Override
    public String noDoctorProbeReason() {
        return "not a drive: an external programmer (doctor checks libflashrom itself)";
    }

    @Override
    public FlashStrategy flashStrategy(DriveInfo info, Device device, FlashOptions options, DriveProbe reprobe)
            throws OdflashException {
        Optional<String> refusal = flashRefusal(info, device);
        if (refusal.isPresent()) {
            throw info.chip().isEmpty()
                    ? OdflashException.refused(Gate.CHIP, refusal.get() + "; nothing was written", Choice.CHIP_NAMED)
                    : OdflashException.refused(Gate.LAYOUT, refusal.get() + "; nothing was written", Choice.MODEL_NAMED);
        }
        ExternalProgrammer programmer = device.programmer().orElseThrow();
        ExternalProgrammer.Protection protection;
        try {
            protection = programmer.protection();
        } catch (TransportException e) {
            throw OdflashException.device("the chip's write protection could not be read: " + e.getMessage(), e, "wp");
        }
        ChipWrite write = ChipWrite.target(info, device, info.model().get().bootRegion(), noReadPathReason(info, device));
        // what the drive keeps itself (MT1959: its config and calibration), the clip keeps from the chip
        Optional<dev.odflash.transport.ChipChannel> unitData = ClipUnitData.applies(info.model().get().layout())
                ? device.chipChannel() : Optional.empty();
        return new ProtectedWrite(write, programmer, protection, unitData, info.model().get().bootId());
    }
}
