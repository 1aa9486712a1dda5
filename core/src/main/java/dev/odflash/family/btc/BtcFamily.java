package dev.odflash.family.btc;

import dev.odflash.image.CheckPurpose;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.ImageLayout;
import dev.odflash.family.Family;
import dev.odflash.family.Recogniser;
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
 * BTC DRW-1004/1008/1108 (docs/protocols.md §2.3, btcflash): download style, WRITE BUFFER with a checksum
 * header; no public read path, so no backup and verification by identity.
 */
public final class BtcFamily implements Family {
    @Override
    public DriveFamily id() {
        return DriveFamily.BTC;
    }

    @Override
    public Set<ImageLayout> layouts() {
        return Set.of(ImageLayout.BTC);
    }

    @Override
    public List<Recogniser> recognisers(Optional<byte[]> cmacKey, CheckPurpose purpose) {
        return List.of(new Recogniser(Recogniser.IDENTITY_STRINGS, image -> BtcImage.identify(image, purpose)));
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(
                new Capability("backup", false, "btcflash only writes: no public read path for BTC drives"),
                new Capability("flash", true, "WRITE BUFFER download (btcflash): 4 KiB chunks at offset +0x20, checksum"
                        + " header, mode 7, 50 s wait; needs " + Choice.WITHOUT_BACKUP.mention() + "; verified by identity (INQUIRY revision)"),
                new Capability("verify", false, "no read path; a flash is verified by the revision the drive reports"));
    }

    @Override
    public Optional<FlashReader> reader(DriveInfo info, Device device) {
        return Optional.empty();
    }

    @Override
    public String noReadPathReason(DriveInfo info, Device device) {
        return capabilities().getFirst().how();
    }

    @Override
    public Optional<VendorProbe> doctorProbe() {
        return Optional.empty();
    }

    @Override
    public String noDoctorProbeReason() {
        return "no documented harmless vendor read: btcflash sends only INQUIRY, WRITE BUFFER and TEST UNIT"
                + " READY (docs/protocols.md §2.3)";
    }

    @Override
    public FlashStrategy flashStrategy(DriveInfo info, Device device, FlashOptions options, DriveProbe reprobe) {
        CommandRunner run = new CommandRunner(device.scsi());
        return new DownloadWrite(ImageLayout.BTC, Optional.empty(), DownloadWrite.Patcher.NONE, UnaryOperator.identity(),
                (stream, progress, cancel) -> BtcDownload.download(run, stream, progress, cancel), DownloadWrite.byIdentity(device, reprobe));
    }
}
