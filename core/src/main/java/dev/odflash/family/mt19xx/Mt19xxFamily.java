package dev.odflash.family.mt19xx;

import dev.odflash.image.CheckPurpose;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.Family;
import dev.odflash.family.Mt19xxVariant;
import dev.odflash.family.Recogniser;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.OdflashException;
import dev.odflash.ops.flash.Comparison;
import dev.odflash.ops.flash.Decisions;
import dev.odflash.ops.flash.DownloadWrite;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashStrategy;
import dev.odflash.ops.flash.Verification;
import dev.odflash.protocol.Progress;
import dev.odflash.protocol.VendorProbe;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.transport.Device;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * LG/ASUS MT1959 drives (docs/protocols.md §2.2, redumper and freemkv): download style with WRITE BUFFER
 * modes 1/6/7, and a read path through READ BUFFER mode 6, so a backup comes first and the burn is verified
 * by read-back. The drive's boot ID must match the image's; its config and calibration are kept
 * ({@link PerUnitData}).
 */
public final class Mt19xxFamily implements Family {
    /** The first 64 KiB are the boot loader's: write-protected on the drive, not compared after a burn (CM). */
    private static final int UNCOMPARED = 0x10000;

    /**
     * The boot loader's 64 KiB (write-protected; redumper's variant sends it blank, and the drive's config
     * at 0x3000 is kept), the identity page and the calibration: what one unit holds whatever was flashed.
     */
    @Override
    public List<dev.odflash.image.ImageRegion> unitRegions(long flashSize) {
        return List.of(dev.odflash.image.ImageRegion.of("boot loader and config", 0, UNCOMPARED, "kept by the drive"),
                new dev.odflash.image.ImageRegion("identity page", Mt1959Image.IDENTITY_PAGE, 0x100, true, "per unit"),
                new dev.odflash.image.ImageRegion("calibration", PerUnitData.CALIBRATION,
                        Mt1959Image.CALIBRATION_SIZE, true, "per unit"));
    }

    @Override
    public DriveFamily id() {
        return DriveFamily.MT19XX;
    }

    @Override
    public boolean chipStyle() {
        return false;
    }

    @Override
    public Set<ImageLayout> layouts() {
        return Set.of(ImageLayout.MT1959);
    }

    @Override
    public List<Recogniser> recognisers(Optional<byte[]> cmacKey, CheckPurpose purpose) {
        return List.of(new Recogniser(Recogniser.BANNER, image -> Mt1959Image.identify(image, cmacKey)));
    }

    @Override
    public List<Capability> capabilities(DriveInfo info, Device device) {
        return capabilities();
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(
                new Capability("backup", true, "READ BUFFER mode 6 over the whole flash, two passes that must agree"
                        + " (whether retail firmware allows the whole range is not public: modelled)"),
                new Capability("flash", true, "WRITE BUFFER modes 1/6/7 (redumper default, freemkv variant); boot ID"
                        + " must match; drive config and calibration kept; verified by read-back"),
                new Capability("verify", true, "READ BUFFER read-back compared with a file"));
    }

    @Override
    public Optional<FlashReader> reader(DriveInfo info, Device device) {
        return Optional.of(reader(device, info, Mt19xxVariant.REDUMPER));
    }

    private static Mt19xxFlashReader reader(Device device, DriveInfo info, Mt19xxVariant variant) {
        return new Mt19xxFlashReader(device, new Mt19xxDownload(new CommandRunner(device.scsi()), variant),
                (int) info.flashSize().orElseThrow().bytes());
    }

    @Override
    public String noReadPathReason(DriveInfo info, Device device) {
        return "";
    }

    /**
     * READ BUFFER mode 6, buffer 0, offset 0x3000, 0x20 bytes: the boot banner redumper reads first
     * (docs/protocols.md §2.2, redumper drive/flash_mt1959.ixx).
     */
    @Override
    public Optional<VendorProbe> doctorProbe() {
        return Optional.of(new VendorProbe("READ BUFFER mode 6 boot banner",
                new byte[]{0x3C, 0x06, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x20, 0x00}, 0x20,
                "docs/protocols.md §2.2 (redumper drive/flash_mt1959.ixx)"));
    }

    @Override
    public String noDoctorProbeReason() {
        return "";
    }

    @Override
    public FlashStrategy flashStrategy(DriveInfo info, Device device, FlashOptions options, DriveProbe reprobe)
            throws OdflashException {
        Mt19xxDownload mt19xx = new Mt19xxDownload(new CommandRunner(device.scsi()), options.mt19xxVariant());
        DriveModel model = info.model().orElseThrow();
        return new DownloadWrite(ImageLayout.MT1959, Optional.of(reader(device, info, options.mt19xxVariant())),
                image -> PerUnitData.keep(mt19xx, image, model.displayName(), model.bootId()), UnaryOperator.identity(),
                mt19xx::download,
                (image, to, progress) -> readBack(mt19xx, image, progress));
    }

    /** Read-back after the burn, compared from 0x10000 (the drive keeps its own boot region). */
    private static Verification readBack(Mt19xxDownload mt19xx, byte[] image, Progress progress)
            throws dev.odflash.transport.TransportException, dev.odflash.protocol.download.DownloadException,
            OdflashException {
        byte[] back = Mt19xxReader.readOnce(mt19xx, image.length, Progress.Phase.VERIFY, 1, progress);
        Comparison c = Comparison.of(Arrays.copyOfRange(back, UNCOMPARED, back.length),
                Arrays.copyOfRange(image, UNCOMPARED, image.length));
        if (!c.identical()) {
            throw new OdflashException(c.mismatch("read-back after the burn differs from the image"
                    + " (offsets from 0x10000): " + c.summary() + "; run the same flash again"));
        }
        Decisions.FLASH.log(Level.INFO, "verify: read-back identical from 0x10000 (" + (image.length - UNCOMPARED) + " bytes)");
        return Verification.READ_BACK;
    }
}
