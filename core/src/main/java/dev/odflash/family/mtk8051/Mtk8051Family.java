package dev.odflash.family.mtk8051;

import dev.odflash.image.CheckPurpose;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.Family;
import dev.odflash.family.Recogniser;
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

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The 8051-era MTK drives (docs/architecture.md "Drive families"): chip style, the host programs the
 * flash chip through the drive's vendor mode (a {@link dev.odflash.transport.ChipChannel}); images are the
 * banked 8051 layout ({@link Mtk8051Image}, shared with the BTC and TSST MT1339 layouts).
 */
public final class Mtk8051Family implements Family {
    @Override
    public DriveFamily id() {
        return DriveFamily.MTK8051;
    }

    @Override
    public Set<ImageLayout> layouts() {
        return Set.of(ImageLayout.MTK8051);
    }

    @Override
    public List<Recogniser> recognisers(Optional<byte[]> cmacKey, CheckPurpose purpose) {
        return List.of(new Recogniser(Recogniser.GENERIC, image -> Mtk8051Image.identify(image, purpose)));
    }

    @Override
    public List<Capability> capabilities(DriveInfo info, Device device) {
        if (device.chipChannel().isEmpty() || info.jedecId().isEmpty()) {
            String why = noReadPathReason(info, device);
            return List.of(new Capability("backup", false, why), new Capability("flash", false, why),
                    new Capability("verify", false, why));
        }
        String readHow = "read the chip through the drive's vendor mode, two passes that must agree, SHA-256"
                + (device.emulated() ? (device.taskFile().isPresent()
                ? " (emulated: odflash's vendor mode over the drive's task-file registers, docs/protocols.md §2.6.7)"
                : " (emulated)") : "");
        boolean chipKnown = info.chip().isPresent();
        if (chipKnown && info.model().isEmpty()) {
            return List.of(new Capability("backup", true, readHow), new Capability("flash", false, "refused: "
                    + noRulesReason()), new Capability("verify", true, "two agreeing reads compared with a file"));
        }
        String flash = chipKnown
                ? "erase and program through the vendor mode: gates, a verified backup, a plan at the chip's"
                + " physical minimum, a journal, read-back of every block and a whole-chip verify"
                : "refused: unknown chip " + info.jedecId().get() + "; name it with " + Choice.CHIP_NAMED.mention()
                + " NAME or " + Choice.CHIP_DB.mention() + " FILE";
        String verify = "two agreeing reads compared with a file; `status` compares with the backup library";
        return List.of(new Capability("backup", true, readHow), new Capability("flash", chipKnown, flash),
                new Capability("verify", true, verify));
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(
                new Capability("backup", true, "read the chip through the drive's vendor mode at its ATA task-file"
                        + " registers (docs/protocols.md §2.6): the register-level emulated drive, or on Linux as root a"
                        + " drive on an IDE or IDE-mode channel through a port: device; two passes that must agree,"
                        + " SHA-256; a chip on an external programmer clip through a flashrom: device"),
                new Capability("flash", true, "erase and program through the vendor mode (the same paths): gates,"
                        + " a verified backup, a plan at the chip's physical minimum, a journal and a whole-chip"
                        + " verify"),
                new Capability("verify", true, "two agreeing reads compared with a file"));
    }

    @Override
    public Optional<FlashReader> reader(DriveInfo info, Device device) {
        return device.chipChannel().map(channel -> progress -> {
            long size = info.flashSize().orElseThrow(() -> OdflashException.refused(Gate.SIZE,
                    "flash size unknown: the chip was not identified")).bytes();
            return new ChipFlashReader(device, channel, size).read(progress);
        });
    }

    @Override
    public String noReadPathReason(DriveInfo info, Device device) {
        if (device.chipChannel().isEmpty()) {
            return "the 8051-era MTK vendor mode is spoken at the drive's ATA task-file registers, which SCSI commands"
                    + " through " + device.spec() + " do not reach (docs/protocols.md §2.6): on Linux as root the same"
                    + " drive is reached through a port: device (port:/dev/sgN), or the chip through a programmer clip";
        }
        return "the drive did not enter vendor mode or did not identify its chip";
    }

    @Override
    public Optional<VendorProbe> doctorProbe() {
        return Optional.empty();
    }

    @Override
    public String noDoctorProbeReason() {
        return "no documented harmless vendor command: the 8051-era vendor mode is entered at the task-file"
                + " registers (docs/protocols.md §2.6), which the doctor does not touch";
    }

    @Override
    public FlashStrategy flashStrategy(DriveInfo info, Device device, FlashOptions options, DriveProbe reprobe)
            throws OdflashException {
        if (info.model().isEmpty()) { // a dead drive whose flash names no drive: read, never written without rules
            throw OdflashException.refused(Gate.MODEL, noRulesReason() + "; nothing was written", Choice.MODEL_NAMED);
        }
        return ChipWrite.target(info, device, info.model().get().bootRegion(), noReadPathReason(info, device));
    }

    private static String noRulesReason() {
        return "the flash's contents name no drive of the table, so its boot region and per-unit rules are unknown:"
                + " name the drive's row with " + Choice.MODEL_NAMED.mention() + " NAME";
    }
}
