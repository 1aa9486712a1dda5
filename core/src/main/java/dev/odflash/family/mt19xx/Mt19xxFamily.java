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
import dev.odflash.ops.RegionsRead;
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
    public Set<ImageLayout> layouts() {
        return Set.of(ImageLayout.MT1959);
    }

    @Override
    public List<Recogniser> recognisers(Optional<byte[]> cmacKey, CheckPurpose purpose) {
        return List.of(new Recogniser(Recogniser.BANNER, image -> Mt1959Image.identify(image, cmacKey)));
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(
                new Capability("backup", true, "READ BUFFER mode 6 over the whole flash, two passes that must agree"
                        + " (whether retail firmware allows the whole range is not public: modelled); a drive that"
                        + " refuses it: its config, identity page and calibration only, when asked for"),
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
                (image, to, progress) -> {
                    try {
                        return readBack(mt19xx, image, progress);
                    } catch (Mt19xxDownload.ReadRefused e) {
                        if (!options.regionsOnly()) {
                            throw OdflashException.mismatch("the drive refuses to have its whole flash read back ("
                                    + e.getMessage() + "); run the same flash (" + dev.odflash.ops.NextStep.RERUN.mention() + ") with "
                                    + dev.odflash.ops.Choice.REGIONS_ONLY.mention() + " to verify it by its regions");
                        }
                        return regionsBack(mt19xx, image, progress, DownloadWrite.byIdentity(device, reprobe), to);
                    }
                });
    }

    /**
     * The verify of a drive that refuses a whole-flash read (regions only was asked for): every region it
     * allows read back equal to the image sent, and the drive restarted reporting the image's revision.
     */
    private static Verification regionsBack(Mt19xxDownload mt19xx, byte[] image, Progress progress,
                                            DownloadWrite.Verifier identity, String toVersion)
            throws dev.odflash.transport.TransportException, dev.odflash.protocol.download.DownloadException,
            OdflashException {
        identity.verify(image, toVersion, progress);
        for (RegionsRead.Region r : Mt19xxRegions.read(mt19xx, progress).regions()) {
            int from = (int) r.offset();
            if (!Arrays.equals(r.data(), 0, r.length(), image, from, from + r.length())) {
                throw OdflashException.mismatch(String.format("the region at 0x%06X (%d bytes) read back after the"
                        + " burn differs from the image sent; run %s", from, r.length(), dev.odflash.ops.NextStep.RERUN.mention()));
            }
        }
        Decisions.FLASH.log(Level.INFO, "verify: the drive's readable regions read back identical and it restarted"
                + " reporting " + toVersion);
        return Verification.REGIONS;
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
                    + " (offsets from 0x10000): " + c.summary() + "; run " + dev.odflash.ops.NextStep.RERUN.mention()));
        }
        Decisions.FLASH.log(Level.INFO, "verify: read-back identical from 0x10000 (" + (image.length - UNCOMPARED) + " bytes)");
        return Verification.READ_BACK;
    }
}
