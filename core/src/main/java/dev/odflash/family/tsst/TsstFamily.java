package dev.odflash.family.tsst;

import dev.odflash.image.CheckPurpose;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.Family;
import dev.odflash.family.Recogniser;
import dev.odflash.image.Sd616Layout;
import dev.odflash.ops.Capability;
import dev.odflash.ops.Choice;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.flash.DownloadWrite;
import dev.odflash.ops.flash.FlashOptions;
import dev.odflash.ops.flash.FlashStrategy;
import dev.odflash.protocol.VendorProbe;
import dev.odflash.protocol.download.CommandRunner;
import dev.odflash.transport.Device;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * TSST / Samsung drives (docs/protocols.md §2.1, redumper and coastermelt): download style with the vendor
 * CDB FF 00 01, three layouts (tsst-mt1339, sd616, mt1939) with their own block sizes; no public read path,
 * so no backup and verification by identity.
 */
public final class TsstFamily implements Family {
    @Override
    public DriveFamily id() {
        return DriveFamily.TSST;
    }

    @Override
    public Set<ImageLayout> layouts() {
        return Set.of(ImageLayout.TSST_MT1339, ImageLayout.SD616, ImageLayout.MT1939);
    }

    @Override
    public List<Recogniser> recognisers(Optional<byte[]> cmacKey, CheckPurpose purpose) {
        return List.of(new Recogniser(Recogniser.CHECKSUM, Mt1939Image::identify),
                new Recogniser(Recogniser.BUFFER_SHAPE, image -> TsstImage.identifySd616(image, purpose)),
                new Recogniser(Recogniser.IDENTITY_STRINGS_WEAK, image -> TsstImage.identifyMt1339(image, purpose)));
    }

    @Override
    public List<Capability> capabilities(DriveInfo info, Device device) {
        return capabilities(info.model().map(m -> m.layout().word()));
    }

    @Override
    public List<Capability> capabilities() {
        return capabilities(Optional.empty());
    }

    private static List<Capability> capabilities(Optional<String> layout) {
        return List.of(
                new Capability("backup", false, "the FF 00 01 protocol only writes: no public read path is implemented"),
                new Capability("flash", true, "vendor download FF 00 01 (" + layout.orElse("tsst-mt1339, sd616 or mt1939")
                        + ", redumper/coastermelt block sizes); needs " + Choice.WITHOUT_BACKUP.mention()
                        + "; verified by identity (INQUIRY revision)"),
                new Capability("verify", false, "no read path; a flash is verified by the revision the drive reports"));
    }

    @Override
    public Optional<FlashReader> reader(DriveInfo info, Device device) {
        return Optional.empty();
    }

    @Override
    public String noReadPathReason(DriveInfo info, Device device) {
        return capabilities(info, device).getFirst().how();
    }

    /**
     * The MT1939 boot loader version query, 12 bytes, byte 11 = AA, 8 bytes in; the official updater sends
     * it before flashing (docs/protocols.md §2.1, coastermelt doc/bootloader.txt and USB capture).
     */
    @Override
    public Optional<VendorProbe> doctorProbe() {
        return Optional.of(new VendorProbe("FF 00 FF version query",
                new byte[]{(byte) 0xFF, 0, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xAA}, 8,
                "docs/protocols.md §2.1 (coastermelt doc/bootloader.txt)"));
    }

    @Override
    public String noDoctorProbeReason() {
        return "";
    }

    @Override
    public FlashStrategy flashStrategy(DriveInfo info, Device device, FlashOptions options, DriveProbe reprobe) {
        ImageLayout layout = info.model().orElseThrow().layout();
        CommandRunner run = new CommandRunner(device.scsi());
        TsstDownload.Variant blocks = switch (layout) {
            case TSST_MT1339 -> TsstDownload.MT1339;
            case SD616 -> TsstDownload.SD616;
            case MT1939 -> TsstDownload.MT1939;
            default -> throw new IllegalStateException("not a tsst layout: " + layout); // DriveTableSelfCheckTest
        };
        UnaryOperator<byte[]> toStream = layout == ImageLayout.SD616 ? Sd616Layout::rearrange : UnaryOperator.identity();
        return new DownloadWrite(layout, Optional.empty(), DownloadWrite.Patcher.NONE, toStream,
                (stream, progress, cancel) -> TsstDownload.download(run, blocks, stream, progress, cancel),
                DownloadWrite.byIdentity(device, reprobe));
    }
}
